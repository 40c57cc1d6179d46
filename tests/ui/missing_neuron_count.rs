use snn::prelude::*;

fn main() {
    let _ = network! {
        ensemble a { dimensions: 2 };
    };
}
