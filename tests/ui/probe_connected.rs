use snn::prelude::*;

fn main() {
    let _ = network! {
        ensemble a { neurons: 10 };
        probe p = a;
        p -> a;
    };
}
