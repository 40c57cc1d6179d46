use snn::prelude::*;

fn main() {
    let _ = network! {
        ensemble a { neurons: 20, dimensions: 3 };
        ensemble b { neurons: 10 };
        a[-1] -> b;
    };
}
