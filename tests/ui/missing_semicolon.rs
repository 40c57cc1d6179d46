use snn::prelude::*;

fn main() {
    let _ = network! {
        ensemble a { neurons: 10 }
        node stim = 0.5
        stim -> a;
    };
}
