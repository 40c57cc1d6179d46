use snn::prelude::*;

fn main() {
    let gain = 2.0;
    let _ = network! {
        node stim = |t| gain * t;
    };
}
