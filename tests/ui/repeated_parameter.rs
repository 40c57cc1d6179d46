use snn::prelude::*;

fn main() {
    let _ = network! {
        ensemble a { neurons: 10, radius: 1.0, radius: 2.0 };
    };
}
