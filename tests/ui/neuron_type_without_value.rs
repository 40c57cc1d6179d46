use snn::prelude::*;

fn main() {
    let _ = network! {
        ensemble a { neurons: 20, neuron_type: LIF };
    };
}
