use snn::prelude::*;

struct Part {
    x: EnsembleId,
}

fn part(net: &mut Network) -> Result<Part, BuildError> {
    Ok(Part { x: net.ensemble("x", Ensemble::new(10, 1))? })
}

fn main() {
    let _ = network! {
        subnet s = part();
        ensemble b { neurons: 20 };
        s.x.voltage -> b;
    };
}
