use snn::prelude::*;

fn main() {
    let _ = network! {
        #[cfg(test)]
        ensemble a { neurons: 20 };
    };
}
