use snn::prelude::*;

fn main() {
    let _ = network! {
        seed = 1;
        seed = 2;
    };
}
