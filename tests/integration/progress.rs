//! Progress reporting is display only: it never changes what is built or
//! simulated. (What is shown when is unit-tested in
//! `snn-core/src/simulator/progress.rs`; tests run without a terminal, so
//! `Auto` stays silent here.)

use snn::prelude::*;

fn model() -> (Network, ProbeId) {
    let mut net = Network::with_seed(5);
    let stim = net.node("stim", Node::time(|t| (5.0 * t).sin())).unwrap();
    let a = net.ensemble("a", Ensemble::new(60, 1)).unwrap();
    let b = net.ensemble("b", Ensemble::new(60, 1)).unwrap();
    net.connect(Connection::new(stim, a)).unwrap();
    net.connect(Connection::new(a, b).function(|x| x[0] * x[0]))
        .unwrap();
    let p = net.probe(Probe::new(b).synapse(0.01)).unwrap();
    (net, p)
}

#[test]
fn simulator_progress_defaults_to_auto_and_does_not_change_results() {
    let (net, p) = model();
    let mut quiet = Simulator::new(&net).unwrap();
    assert_eq!(quiet.progress(), Progress::Auto);
    quiet.set_progress(Progress::Never);
    assert_eq!(quiet.progress(), Progress::Never);
    quiet.run(0.3).unwrap();

    let mut auto = Simulator::new(&net).unwrap();
    auto.run(0.1).unwrap();
    auto.run_steps(200).unwrap();
    assert_eq!(auto.n_steps(), 300);
    assert_eq!(auto.data(p).unwrap(), quiet.data(p).unwrap());
}

#[test]
fn build_progress_setting_does_not_change_the_build() {
    let (net, p) = model();
    let plain = net.build(0.001).unwrap();
    for progress in [Progress::Auto, Progress::Never] {
        let built = net.build_with_progress(0.001, progress).unwrap();
        assert_eq!(built.connections, plain.connections);
        assert_eq!(built.probes, plain.probes);
    }
    let mut a = Simulator::new(&net.with_build_progress(Progress::Never)).unwrap();
    let mut b = Simulator::new(&net).unwrap();
    a.run(0.1).unwrap();
    b.run(0.1).unwrap();
    assert_eq!(a.data(p).unwrap(), b.data(p).unwrap());
}

#[test]
fn a_failed_build_reports_its_error_not_a_progress_problem() {
    let mut net = Network::with_seed(0);
    let a = net.ensemble("a", Ensemble::new(20, 1)).unwrap();
    net.connect(Connection::new(a, a).function(|_| f64::NAN))
        .unwrap();
    let err = net.build_with_progress(0.001, Progress::Never).unwrap_err();
    assert!(err.to_string().contains("finite"), "{err}");
}
