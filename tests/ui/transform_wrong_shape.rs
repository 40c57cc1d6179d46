use snn::prelude::*;

fn main() {
    let _ = network! {
        ensemble a { neurons: 20, dimensions: 2 };
        ensemble b { neurons: 10, dimensions: 1 };
        a -> b { transform: [[1.0, 0.0], [0.0, 1.0]] };
    };
}
