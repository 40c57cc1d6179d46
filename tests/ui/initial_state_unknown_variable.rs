use snn::prelude::*;

fn main() {
    // No neuron type given: LIF, whose state variables are known.
    let _ = network! {
        ensemble a { neurons: 10, initial_state: { voltage: 0.5, refractory: 0.002 } };
        ensemble b {
            neurons: 10,
            neuron_type: LIF::new(0.02, 0.002),
            initial_state: { adaptation: 0.1 },
        };
    };
}
