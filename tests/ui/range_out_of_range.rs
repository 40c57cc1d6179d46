use snn::prelude::*;

fn main() {
    let _ = network! {
        ensemble a { neurons: 20, dimensions: 2 };
        ensemble b { neurons: 10, dimensions: 3 };
        a[0..3] -> b;
    };
}
