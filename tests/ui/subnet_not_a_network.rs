use snn::prelude::*;

struct Settings {
    neurons: usize,
}

fn main() {
    let settings = Settings { neurons: 50 };
    let _ = network! {
        subnet ea = EnsembleArray::new(settings.neurons, 2);
        subnet wrong = Settings { neurons: 5 };
    };
}
