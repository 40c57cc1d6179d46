use snn::prelude::*;

fn main() {
    let _ = network! {
        ensemble a { neurons: 20, dimensions: 2 };
        node level = 0.5;
        a -> level;
    };
}
