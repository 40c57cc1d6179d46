use snn::prelude::*;

fn main() {
    let _ = network! {
        ensemble a { neurons: 20 };
        ensemble b { neurons: 20 };
        a -> b { transform: 2 };
    };
}
