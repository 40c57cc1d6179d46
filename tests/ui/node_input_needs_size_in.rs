use snn::prelude::*;

fn main() {
    let _ = network! {
        node f = |t, x| x[0] * t;
    };
}
