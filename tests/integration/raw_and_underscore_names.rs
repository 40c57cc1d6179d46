//! Raw identifiers are labelled without `r#`, and names that look like the
//! expansion's own locals (`__net`, `__network`, `__sub`, `net`, `sub`,
//! `ok`, `err`, `network`) are ordinary names, declared or used in values: the
//! expansion's locals are hygienic. (An ordinary test rather than a
//! trybuild pass case, so trybuild needs only `cargo check`.)
use snn::prelude::*;

fn part(net: &mut Network) -> Result<EnsembleId, BuildError> {
    net.ensemble("inner", Ensemble::new(10, 1))
}

#[test]
fn raw_and_underscore_names_are_ordinary_names() -> Result<(), snn::Error> {
    let __net = 0.25;
    let (net, ok, network) = (3, 4, 1);
    let built = network! {
        node __network = __net;
        ensemble r#type { neurons: 20 };
        ensemble __net { neurons: 10 };
        subnet __sub = part();
        __network -> r#type;
        r#type -> __net;
        __net -> __sub;
        probe r#move = r#type;
        ensemble sub { neurons: net + ok + network };
        node err = -0.5;
        err -> sub[0];
    }?;
    let net = built;
    assert_eq!(net.network.get_ensemble(net.sub)?.n_neurons, 8);
    assert_eq!(net.network.ensemble_name(net.r#type)?, "type");
    assert_eq!(net.network.ensemble_name(net.__net)?, "__net");
    assert_eq!(net.network.ensemble_name(net.__sub)?, "__sub.inner");
    let mut sim = Simulator::new(&net)?;
    sim.run(0.01)?;
    assert_eq!(sim.data(net.r#move)?.nrows(), 10);
    let _ = net.__network;
    Ok(())
}
