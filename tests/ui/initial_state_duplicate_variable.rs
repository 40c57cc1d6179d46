use snn::prelude::*;

fn main() {
    let _ = network! {
        ensemble a {
            neurons: 10,
            initial_state: { voltage: Uniform::new(0.0, 1.0), voltage: vec![0.5; 10] },
        };
    };
}
