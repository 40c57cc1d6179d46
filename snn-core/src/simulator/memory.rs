//! How much memory a simulator may use, and what a network or a run needs.
//!
//! Every buffer sized by user input (node and signal sizes, probe data) is
//! checked against the machine's memory before it is allocated, in u128
//! arithmetic that saturates instead of wrapping, so an absurd size gives a
//! typed [`SimError`] naming the object instead of aborting the process, and
//! `run(1e12)` is refused up front instead of growing until it is killed.

use super::recorder::{ProbePlan, Sink};
use super::state::SimState;
use crate::error::SimError;
use crate::network::{CompiledNetwork, Link, ProbeSpec};
use std::sync::OnceLock;

/// The limit where the machine's memory is unknown (not Linux, or no
/// readable `/proc/meminfo`): 16 GiB.
pub const FALLBACK_MEMORY_LIMIT: u64 = 16 << 30;

/// Bytes of one stored value (f64).
const VALUE: u128 = 8;

/// The most memory a simulator's buffers and stored probe data may take:
/// the machine's total memory (`MemTotal` in `/proc/meminfo`, read once),
/// else [`FALLBACK_MEMORY_LIMIT`]. Anything larger could never be
/// allocated, so it is refused before any allocation is tried.
pub fn memory_limit() -> u64 {
    static LIMIT: OnceLock<u64> = OnceLock::new();
    *LIMIT.get_or_init(|| {
        std::fs::read_to_string("/proc/meminfo")
            .ok()
            .and_then(|text| mem_total(&text))
            .unwrap_or(FALLBACK_MEMORY_LIMIT)
    })
}

/// `MemTotal:  16318084 kB` in bytes.
fn mem_total(meminfo: &str) -> Option<u64> {
    let line = meminfo.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    kib.checked_mul(1024)
}

fn too_large(object: String, what: &str, bytes: u128) -> SimError {
    SimError::TooLarge {
        object,
        what: what.to_owned(),
        bytes,
        limit: memory_limit(),
    }
}

/// `Err(TooLarge)` when `values` f64s would not fit in memory.
fn fits(values: u128, object: impl FnOnce() -> String, what: &str) -> Result<u128, SimError> {
    let bytes = values.saturating_mul(VALUE);
    if bytes > u128::from(memory_limit()) {
        return Err(too_large(object(), what, bytes));
    }
    Ok(bytes)
}

/// Checks, before anything is allocated, that every buffer the simulator
/// sizes from the network's declared sizes fits in memory, and so does
/// their total (the buffers given with the network, such as encoders, exist
/// already).
pub(crate) fn check_network(net: &CompiledNetwork) -> Result<(), SimError> {
    let u = |n: usize| n as u128;
    let mut total: u128 = 0;
    for node in &net.nodes {
        let values = u(node.size_in).saturating_add(u(node.size_out));
        let object = || format!("node `{}`", node.label);
        total = total.saturating_add(fits(values, object, "its input and output")?);
    }
    for pop in &net.populations {
        // The summed input in f64 and in each block of neurons; the blocks'
        // copies of the encoders, biases and state (f32), their currents,
        // outputs and direct currents: counted in f64s, rounded up.
        let blocks = u(pop.n / super::block::BLOCK_SIZE + 2);
        let inputs = u(pop.dims).saturating_mul(blocks.saturating_add(1));
        let per_neuron = u(pop.dims)
            .saturating_add(u(pop.initial_state.n_vars()))
            .saturating_add(6);
        let neurons = u(pop.n).saturating_mul(per_neuron).div_ceil(2);
        let object = || format!("population `{}`", pop.label);
        let values = inputs.saturating_add(neurons);
        total = total.saturating_add(fits(values, object, "its neurons' and inputs' buffers")?);
    }
    for link in &net.links {
        let object = || format!("connection `{}`", link.label);
        total = total.saturating_add(fits(link_values(link, net)?, object, "its signals")?);
    }
    for probe in &net.probes {
        let values = probe_values(probe, net)?;
        let object = || format!("probe `{}`", probe.label);
        total = total.saturating_add(fits(values, object, "its buffers")?);
    }
    if total > u128::from(memory_limit()) {
        return Err(too_large(
            "the network".into(),
            "its simulator's buffers",
            total,
        ));
    }
    Ok(())
}

/// f64s a link's state holds: the function's output, the transformed
/// value, and its filter's state (two buffers of `order` per dimension and
/// the output).
fn link_values(link: &Link, net: &CompiledNetwork) -> Result<u128, SimError> {
    let (mid, out) = (link.mid_dims(net)? as u128, link.out_dims(net)? as u128);
    let order = link.synapse.as_ref().map_or(0, |f| f.order()) as u128;
    let filter = out.saturating_mul(order.saturating_mul(2).saturating_add(1));
    Ok(mid.saturating_add(out).saturating_add(filter))
}

/// f64s a probe's recorder holds before any sample: the value read and
/// its filter's state.
fn probe_values(probe: &ProbeSpec, net: &CompiledNetwork) -> Result<u128, SimError> {
    let dims = probe.dims(net)? as u128;
    let order = probe.synapse.as_ref().map_or(0, |f| f.order()) as u128;
    Ok(dims.saturating_mul(order.saturating_mul(2).saturating_add(2)))
}

/// Checks that running `steps` more steps after step `done` keeps the
/// stored probe data within memory: what is held plus, for every probe that
/// does not stream, its samples due in those steps times one time and
/// `dims` values each (`sample_every` thins them; streamed probes hold
/// nothing).
pub(crate) fn check_run(
    probes: &[ProbePlan],
    state: &SimState,
    sinks: &[Option<Sink>],
    steps: u64,
) -> Result<(), SimError> {
    let done = state.n_steps;
    let mut bytes: u128 = 0;
    for ((rec, held), sink) in probes.iter().zip(&state.probes).zip(sinks) {
        let held = (held.data.len() as u128).saturating_add(held.times.len() as u128);
        bytes = bytes.saturating_add(held.saturating_mul(VALUE));
        if sink.is_some() {
            continue;
        }
        // Samples fall on steps k with k mod period < 1: at most
        // floor(steps / period) + 1 of them (every step for period <= 1).
        let due = if rec.period <= 1.0 {
            u128::from(steps)
        } else {
            ((steps as f64 / rec.period).floor() as u128)
                .saturating_add(1)
                .min(u128::from(steps))
        };
        let per_sample = (rec.dims as u128).saturating_add(1).saturating_mul(VALUE);
        bytes = bytes.saturating_add(due.saturating_mul(per_sample));
    }
    if bytes > u128::from(memory_limit()) {
        return Err(SimError::ProbeMemory {
            steps,
            done,
            bytes,
            limit: memory_limit(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mem_total_reads_kibibytes_from_meminfo() {
        let text = "MemTotal:       16318084 kB\nMemFree:         1000 kB\n";
        assert_eq!(mem_total(text), Some(16_318_084 * 1024));
        assert_eq!(mem_total("MemFree: 1 kB"), None);
        assert!(memory_limit() > 0);
    }
}
