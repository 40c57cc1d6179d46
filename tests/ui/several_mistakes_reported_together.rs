use snn::prelude::*;

fn main() {
    let _ = network! {
        ensemble a { neurons: 10, radus: 1.0 };
        a -> b;
        probe p = c;
    };
}
