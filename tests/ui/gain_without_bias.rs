use snn::prelude::*;

fn main() {
    let _ = network! {
        ensemble a { neurons: 2, gain: vec![1.0, 2.0] };
    };
}
