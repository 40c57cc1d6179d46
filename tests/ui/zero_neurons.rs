use snn::prelude::*;

fn main() {
    let _ = network! {
        ensemble a { neurons: 0 };
    };
}
