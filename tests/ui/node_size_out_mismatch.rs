use snn::prelude::*;

fn main() {
    let _ = network! {
        node c { output: [1.0, 2.0, 3.0], size_out: 2 };
        node u { output: WhiteSignal::new(1.0, 5.0), size_out: 2 };
        ensemble a { neurons: 50, dimensions: 3 };
        u -> a;
    };
}
