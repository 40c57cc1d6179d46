use snn::prelude::*;

fn main() {
    let _ = network! {
        node one = 1.0;
        ensemble a { neurons: 50, dimensions: 2 };
        ensemble b { neurons: 50, dimensions: 2 };
        connection c = a -> b { learning_rule: PES::new(1e-4) };
        connection plain = a -> b;
        one -> c.learning_rule;
        c.learning_rule -> b;
        a -> plain.learning_rule;
        a -> c.weights;
        probe p = c.learning_rule;
    };
}
