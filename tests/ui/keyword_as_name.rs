use snn::prelude::*;

fn main() {
    let _ = network! {
        ensemble type { neurons: 20 };
    };
}
