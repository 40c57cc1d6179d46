use snn::prelude::*;

fn main() {
    let _ = network! {
        #[deny(unused_parens)]
        ensemble a { neurons: (20) };
    };
}
