use snn::prelude::*;

fn main() {
    let _ = network! {
        node stim = 0.5;
        ensemble a { neurons: 10 };
        stim.neurons -> a;
    };
}
