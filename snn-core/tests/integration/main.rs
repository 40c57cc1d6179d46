//! snn-core's integration tests, in one binary (one link instead of one per
//! file): each module checks a neuron model or synapse against Nengo 4.1 or
//! a closed form.

mod adaptive_lif_nengo;
mod hodgkin_huxley;
mod iaf_spike_counts;
mod izhikevich_patterns;
mod lif_reference;
mod numeric_tuning;
mod rates_to_spikes;
mod synapse_kinds_nengo;
mod synapse_reference;
mod user_transfer_functions;
