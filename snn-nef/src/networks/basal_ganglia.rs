//! Nengo's `BasalGanglia`: action selection by the model of Gurney,
//! Prescott & Redgrave (2001), in spiking neurons (Stewart, Choo &
//! Eliasmith 2010).

use super::ensemble_array::{EnsembleArray, EnsembleArrayParts};
use super::{at_least_one, invalid, one_sided};
use crate::connection::Connection;
use crate::error::BuildError;
use crate::ids::NodeId;
use crate::network::{Network, Subnet};
use crate::node::Node;
use crate::solvers::NnlsL2nz;
use nalgebra::DMatrix;
use snn_core::synapses::{Lowpass, Synapse};
use std::sync::Arc;

/// The constants of Gurney, Prescott & Redgrave's model: the weights of
/// its projections (`w*`), the thresholds (`e*`) and slopes (`m*`) of its
/// piecewise-linear nuclei, and the D1/D2 dopamine factors (`lg`, `le`).
pub mod weights {
    /// Slope of the striatum.
    pub const MM: f64 = 1.0;
    /// Slope of the subthalamic nucleus.
    pub const MP: f64 = 1.0;
    /// Slope of the globus pallidus externus.
    pub const ME: f64 = 1.0;
    /// Slope of the globus pallidus internus.
    pub const MG: f64 = 1.0;
    /// Input to striatum.
    pub const WS: f64 = 1.0;
    /// Input to the subthalamic nucleus.
    pub const WT: f64 = 1.0;
    /// Striatum to GPi and GPe.
    pub const WM: f64 = 1.0;
    /// GPe to the subthalamic nucleus.
    pub const WG: f64 = 1.0;
    /// STN to GPi and GPe (diffuse).
    pub const WP: f64 = 0.9;
    /// GPe to GPi.
    pub const WE: f64 = 0.3;
    /// Threshold of the striatum.
    pub const E: f64 = 0.2;
    /// Threshold of the subthalamic nucleus.
    pub const EP: f64 = -0.25;
    /// Threshold of the globus pallidus externus.
    pub const EE: f64 = -0.2;
    /// Threshold of the globus pallidus internus.
    pub const EG: f64 = -0.2;
    /// Dopamine on the D2 striatal input (`1 - le`).
    pub const LE: f64 = 0.2;
    /// Dopamine on the D1 striatal input (`1 + lg`).
    pub const LG: f64 = 0.2;

    /// A nucleus' output: 0 below threshold `e`, then slope `m`.
    pub fn ramp(x: f64, e: f64, m: f64) -> f64 {
        if x < e {
            0.0
        } else {
            m * (x - e)
        }
    }
}

/// `dimensions` actions compete: the input holds each action's utility and
/// the output is about 0 for the winner and about `output_weight` (-3,
/// inhibition) for the others. Five ensemble arrays of one-dimensional
/// ensembles (`n_neurons_per_ensemble` neurons, radius 1.5, encoders all
/// `+1`, intercepts from each nucleus' threshold to 1): striatum D1 and
/// D2, STN, GPe and GPi, joined by GABA (`Lowpass(0.008)`) and AMPA
/// (`Lowpass(0.002)`) synapses, their nonlinearities decoded with
/// [`NnlsL2nz`] (non-negative decoders, as Nengo does when SciPy is
/// present). `input_bias` is added to every utility.
#[derive(Debug, Clone)]
pub struct BasalGanglia {
    dimensions: usize,
    n_neurons_per_ensemble: usize,
    output_weight: f64,
    input_bias: f64,
    ampa: Arc<dyn Synapse>,
    gaba: Arc<dyn Synapse>,
}

/// What a [`BasalGanglia`] adds.
#[derive(Debug, Clone)]
pub struct BasalGangliaParts {
    /// The utilities.
    pub input: NodeId,
    /// About 0 for the selected action, `output_weight` for the others.
    pub output: NodeId,
    /// The nuclei.
    pub str_d1: EnsembleArrayParts,
    /// Striatum, D2 neurons.
    pub str_d2: EnsembleArrayParts,
    /// Subthalamic nucleus.
    pub stn: EnsembleArrayParts,
    /// Globus pallidus internus (the output nucleus).
    pub gpi: EnsembleArrayParts,
    /// Globus pallidus externus.
    pub gpe: EnsembleArrayParts,
    /// The constant `input_bias` node, when the bias is not 0.
    pub bias_input: Option<NodeId>,
}

impl BasalGanglia {
    /// Selection among `dimensions` actions with Nengo's defaults: 100
    /// neurons per ensemble, `output_weight = -3`, `input_bias = 0`.
    pub fn new(dimensions: usize) -> Self {
        Self {
            dimensions,
            n_neurons_per_ensemble: 100,
            output_weight: -3.0,
            input_bias: 0.0,
            ampa: Arc::new(Lowpass(0.002)),
            gaba: Arc::new(Lowpass(0.008)),
        }
    }

    /// Neurons in each one-dimensional ensemble (default 100).
    pub fn n_neurons_per_ensemble(mut self, n: usize) -> Self {
        self.n_neurons_per_ensemble = n;
        self
    }

    /// The output's weight on GPi's activity (default -3).
    pub fn output_weight(mut self, weight: f64) -> Self {
        self.output_weight = weight;
        self
    }

    /// A constant added to every utility (default 0).
    pub fn input_bias(mut self, bias: f64) -> Self {
        self.input_bias = bias;
        self
    }

    /// The excitatory synapse (default `Lowpass(0.002)`; Nengo's
    /// `ampa_config`).
    pub fn ampa_synapse(mut self, synapse: impl Synapse + 'static) -> Self {
        self.ampa = Arc::new(synapse);
        self
    }

    /// The inhibitory synapse (default `Lowpass(0.008)`; Nengo's
    /// `gaba_config`).
    pub fn gaba_synapse(mut self, synapse: impl Synapse + 'static) -> Self {
        self.gaba = Arc::new(synapse);
        self
    }
}

impl Subnet for BasalGanglia {
    type Parts = BasalGangliaParts;

    fn build(self, net: &mut Network) -> Result<BasalGangliaParts, BuildError> {
        use weights::*;
        let object = net.scope_name(net.current_scope()).to_string();
        at_least_one(&object, "dimensions", self.dimensions)?;
        at_least_one(
            &object,
            "n_neurons_per_ensemble",
            self.n_neurons_per_ensemble,
        )?;
        for (param, v) in [
            ("output_weight", self.output_weight),
            ("input_bias", self.input_bias),
        ] {
            if !v.is_finite() {
                return Err(invalid(&object, param, v, "must be finite"));
            }
        }
        let d = self.dimensions;
        let n = self.n_neurons_per_ensemble;
        let nucleus = |net: &mut Network, name: &str, threshold: f64| {
            let array =
                EnsembleArray::new(n, d).ensembles(move |e| one_sided(e.radius(1.5), threshold));
            net.add(name, array)
        };
        let mut str_d1 = nucleus(net, "str_d1", E)?;
        let mut str_d2 = nucleus(net, "str_d2", E)?;
        let mut stn = nucleus(net, "stn", EP)?;
        let mut gpi = nucleus(net, "gpi", EG)?;
        let mut gpe = nucleus(net, "gpe", EE)?;
        let input = net.node("input", Node::passthrough(d))?;
        let output = net.node("output", Node::passthrough(d))?;
        let bias_input = if self.input_bias != 0.0 {
            let bias = net.node("bias_input", Node::constant(vec![self.input_bias; d]))?;
            net.connect(Connection::new(bias, input))?;
            Some(bias)
        } else {
            None
        };
        let direct =
            |to: NodeId, gain: f64| Connection::new(input, to).transform(gain).synapse(None);
        net.connect(direct(str_d1.input, WS * (1.0 + LG)))?;
        net.connect(direct(str_d2.input, WS * (1.0 - LE)))?;
        net.connect(direct(stn.input, WT))?;
        // Each nucleus' nonlinearity, decoded with non-negative decoders.
        let decoded =
            |net: &mut Network, array: &mut EnsembleArrayParts, name: &str, e: f64, m: f64| {
                array.add_output_with(
                    net,
                    name,
                    move |x: &[f64]| ramp(x[0], e, m),
                    |c| c.solver(NnlsL2nz::default()),
                )
            };
        let d1 = decoded(net, &mut str_d1, "func_str", E, MM)?;
        let d2 = decoded(net, &mut str_d2, "func_str", E, MM)?;
        let (gaba, ampa) = (self.gaba.clone(), self.ampa.clone());
        let link = |from: NodeId, to: NodeId, tr: DMatrix<f64>, s: &Arc<dyn Synapse>| {
            Connection::new(from, to)
                .transform(tr)
                .synapse(Arc::clone(s))
        };
        let scaled = |w: f64| DMatrix::from_diagonal_element(d, d, w);
        net.connect(link(d1, gpi.input, scaled(-WM), &gaba))?;
        net.connect(link(d2, gpe.input, scaled(-WM), &gaba))?;
        let stn_out = decoded(net, &mut stn, "func_stn", EP, MP)?;
        // STN excites all of GPi and GPe (diffusely).
        let diffuse = DMatrix::from_element(d, d, WP);
        net.connect(link(stn_out, gpi.input, diffuse.clone(), &ampa))?;
        net.connect(link(stn_out, gpe.input, diffuse, &ampa))?;
        let gpe_out = decoded(net, &mut gpe, "func_gpe", EE, ME)?;
        net.connect(link(gpe_out, gpi.input, scaled(-WE), &gaba))?;
        net.connect(link(gpe_out, stn.input, scaled(-WG), &gaba))?;
        let gpi_out = decoded(net, &mut gpi, "func_gpi", EG, MG)?;
        net.connect(
            Connection::new(gpi_out, output)
                .transform(self.output_weight)
                .synapse(None),
        )?;
        Ok(BasalGangliaParts {
            input,
            output,
            str_d1,
            str_d2,
            stn,
            gpi,
            gpe,
            bias_input,
        })
    }
}
