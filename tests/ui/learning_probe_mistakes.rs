use snn::prelude::*;

fn main() {
    let _ = network! {
        node key = [1.0, 0.0];
        node sink { size_in: 2 };
        ensemble a { neurons: 50, dimensions: 2 };
        ensemble b { neurons: 50, dimensions: 2 };
        connection c = a -> b { learning_rule: PES::new(1e-4) };
        connection v = key -> b.neurons { learning_rule: Voja::new(1e-2) };
        connection n = a -> sink { learning_rule: Voja::default() };
        probe t = c.learning_rule.theta;
        probe d = c.learning_rule.deltas;
    };
}
