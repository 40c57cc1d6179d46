use snn::prelude::*;

fn main() {
    let _ = network! {
        ensemble a { neurons: 10 };
        ensemble b { neurons: 10 };
        connection c = a -> b;
        c -> a;
    };
}
