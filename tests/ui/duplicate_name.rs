use snn::prelude::*;

fn main() {
    let _ = network! {
        ensemble a { neurons: 10 };
        node a = 0.5;
    };
}
