//! The learning part of a step: every rule reads the outputs the neurons
//! just produced and changes its matrix, serially or, for large matrices,
//! spread over the pool's threads.

use super::finite;
use super::plan::{Learns, RulePlan};
use super::pool::Pool;
use super::state::RuleRun;
use super::step::Step;
use crate::error::SimError;
use crate::learning::RuleSpec;

impl Step<'_> {
    /// Every learning rule adds this step's change to its matrix, from the
    /// outputs the neurons just produced and the rule's input, so the next
    /// step reads the changed matrix (Nengo's timing).
    pub(super) fn update_rules(&mut self, t: f64) -> Result<(), SimError> {
        let (net, plan) = (self.net, self.plan);
        let state = &mut *self.state;
        let neurons = plan.neurons(&state.blocks);
        for ((spec, rp), run) in net.rules.iter().zip(&plan.rules).zip(&mut state.rules) {
            // An encoder rule's pre values are its population's input,
            // copied when it was gathered (`gather_population_in_full`).
            if let Learns::Link(_) = rp.learns {
                neurons.gather(rp.pre, |s| &s.out, &mut run.pre);
            }
            if let (Some(f), Some(fs)) = (&spec.pre_synapse, &mut run.pre_filter) {
                f.update(fs, &run.pre);
            }
            if let Some(p) = rp.post {
                neurons.gather(p, |s| &s.out, &mut run.post);
                if let (Some(f), Some(fs)) = (&spec.post_synapse, &mut run.post_filter) {
                    f.update(fs, &run.post);
                }
            }
        }
        let dt = net.dt;
        // Each rule changes its matrix moved into its own run (a pointer
        // move), so the runs can be handed to threads whole.
        let (links, encoders) = (&mut state.links, &mut state.encoders);
        let mut swap = |rp: &RulePlan, run: &mut RuleRun| {
            let matrix = match rp.learns {
                Learns::Link(l) => &mut links[l].learned,
                Learns::Encoders(p) => &mut encoders[p],
            };
            std::mem::swap(matrix, &mut run.learned);
        };
        let exec = &mut *self.exec;
        if plan.rules_in_parallel && exec.threads > 1 {
            for (rp, run) in plan.rules.iter().zip(&mut state.rules) {
                swap(rp, run);
            }
            let threads = exec.threads;
            let pool = exec.pool.get_or_insert_with(|| Pool::new(threads));
            pool.for_each_mut(&mut state.rules, &|r, run| {
                apply_rule(&net.rules[r], &plan.rules[r], run, dt);
            });
            for (rp, run) in plan.rules.iter().zip(&mut state.rules) {
                swap(rp, run);
            }
        } else {
            // One at a time: two rules on one matrix apply in order.
            for ((spec, rp), run) in net.rules.iter().zip(&plan.rules).zip(&mut state.rules) {
                swap(rp, run);
                apply_rule(spec, rp, run, dt);
                swap(rp, run);
            }
        }
        let failed = state
            .rules
            .iter_mut()
            .zip(&net.rules)
            .find_map(|(run, spec)| {
                run.diverged
                    .take()
                    .map(|(index, value)| (spec, index, value))
            });
        match failed {
            Some((spec, index, value)) => Err(SimError::LearningDiverged {
                rule: spec.label.clone(),
                index,
                value,
                t,
            }),
            None => Ok(()),
        }
    }
}

/// One rule's change of this step to the matrix in `run.learned`; the
/// first diverged value, if any, is left in `run.diverged`.
fn apply_rule(spec: &RuleSpec, rp: &RulePlan, run: &mut RuleRun, dt: f64) {
    let RuleRun {
        input,
        pre_filter,
        post_filter,
        pre,
        post,
        state,
        delta,
        learned,
        diverged,
    } = run;
    let inputs = crate::learning::RuleInputs {
        dt,
        pre: pre_filter.as_ref().map_or(&pre[..], |fs| fs.output()),
        post: post_filter.as_ref().map_or(&post[..], |fs| fs.output()),
        input,
    };
    if rp.keep_delta {
        delta.copy_from_slice(learned);
    }
    spec.rule.update(
        inputs,
        state,
        crate::learning::Learned {
            values: learned,
            out: rp.out,
        },
    );
    if rp.keep_delta {
        for (d, &w) in delta.iter_mut().zip(learned.iter()) {
            *d = w - *d;
        }
    }
    // Diverged: a weight not finite, or so large that the link's value
    // (every pre neuron spiking, 1/dt each) could pass the f32 range of the
    // currents it feeds. A clipped rule cannot.
    if spec.rule.bounded() {
        return;
    }
    let terms = match rp.learns {
        Learns::Link(_) => rp.n_pre,
        Learns::Encoders(_) => rp.out,
    };
    let limit = f64::from(f32::MAX) * dt / terms.max(1) as f64;
    let (check, max) = finite::check_and_max(learned);
    if check.is_nan() || max >= limit {
        *diverged = learned
            .iter()
            .enumerate()
            .find(|(_, w)| !w.is_finite() || w.abs() >= limit)
            .map(|(i, &w)| (i, w))
            .or(Some((0, f64::NAN)));
    }
}
