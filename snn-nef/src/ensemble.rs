//! The description of an ensemble: neurons that together represent a vector.

use crate::dists::{ScatteredHypersphere, Uniform};
use crate::samples::{IntoSamples, Samples};
use snn_core::neurons::{NeuronType, LIF};
use std::sync::Arc;

mod validate;
pub(crate) use validate::{check_state_values, invalid, state_index};

/// A population of neurons representing a `dimensions`-dimensional vector of
/// norm up to `radius`.
///
/// Neuron `i` receives `J_i = gain_i (e_i · x) / radius + bias_i`, where the
/// encoder `e_i` is its preferred direction and gain and bias are solved so
/// it starts firing at `x · e_i = intercept_i` and fires at `max_rate_i` for
/// `x = e_i`. Nengo's defaults: LIF neurons, max rates U(200, 400) Hz,
/// intercepts U(-1, 0.9), encoders and evaluation points from the scattered
/// hypersphere (surface and volume).
#[derive(Debug, Clone)]
pub struct Ensemble {
    /// Number of neurons.
    pub n_neurons: usize,
    /// Dimensions of the represented vector.
    pub dimensions: usize,
    /// Largest norm of the represented vector.
    pub radius: f64,
    /// The neuron model.
    pub neuron_type: Arc<dyn NeuronType>,
    /// Firing rate of each neuron at its preferred direction (Hz).
    pub max_rates: Samples,
    /// Where along its preferred direction each neuron starts firing.
    pub intercepts: Samples,
    /// Preferred directions, `n_neurons × dimensions`.
    pub encoders: Samples,
    /// Whether encoders are scaled to unit length.
    pub normalize_encoders: bool,
    /// Points at which decoders are optimized, for a unit radius (the build
    /// multiplies drawn and explicit points alike by `radius`).
    pub eval_points: Samples,
    /// How many evaluation points to draw (default: Nengo's
    /// `max(clip(500 d, 750, 2500), 2 n)`).
    pub n_eval_points: Option<usize>,
    /// Gains and biases given outright, bypassing max rates and intercepts.
    pub gain_bias: Option<(Vec<f64>, Vec<f64>)>,
    /// Seed of this ensemble's draws (default: derived from the network's).
    pub seed: Option<u64>,
    /// Initial values of neuron state variables, by name, overriding the
    /// neuron type's defaults (Nengo's `initial_state`), in the order given.
    pub initial_state: Vec<(String, Samples)>,
    /// A process added to every neuron's input current each step, one
    /// sample per neuron, not scaled by the gain (Nengo's `noise`).
    pub noise: Option<Arc<dyn crate::processes::Process>>,
}

impl Ensemble {
    /// `n_neurons` neurons representing `dimensions` values, with Nengo's defaults.
    pub fn new(n_neurons: usize, dimensions: usize) -> Self {
        Self {
            n_neurons,
            dimensions,
            radius: 1.0,
            neuron_type: Arc::new(LIF::default()),
            max_rates: Uniform::new(200.0, 400.0).into_samples(),
            intercepts: Uniform::new(-1.0, 0.9).into_samples(),
            encoders: ScatteredHypersphere::surface().into_samples(),
            normalize_encoders: true,
            eval_points: ScatteredHypersphere::volume().into_samples(),
            n_eval_points: None,
            gain_bias: None,
            seed: None,
            initial_state: Vec::new(),
            noise: None,
        }
    }

    /// Sets the radius.
    pub fn radius(mut self, radius: f64) -> Self {
        self.radius = radius;
        self
    }

    /// Sets the neuron model.
    pub fn neuron_type(mut self, neuron_type: impl NeuronType + 'static) -> Self {
        self.neuron_type = Arc::new(neuron_type);
        self
    }

    /// Sets the neuron model from a shared handle.
    pub fn neuron_type_arc(mut self, neuron_type: Arc<dyn NeuronType>) -> Self {
        self.neuron_type = neuron_type;
        self
    }

    /// Sets the max rates (a distribution or one value per neuron).
    pub fn max_rates(mut self, max_rates: impl IntoSamples) -> Self {
        self.max_rates = max_rates.into_samples();
        self
    }

    /// Sets the intercepts (a distribution or one value per neuron).
    pub fn intercepts(mut self, intercepts: impl IntoSamples) -> Self {
        self.intercepts = intercepts.into_samples();
        self
    }

    /// Sets the encoders (a distribution or an `n_neurons × dimensions` matrix).
    pub fn encoders(mut self, encoders: impl IntoSamples) -> Self {
        self.encoders = encoders.into_samples();
        self
    }

    /// Whether to scale encoders to unit length (default true).
    pub fn normalize_encoders(mut self, normalize: bool) -> Self {
        self.normalize_encoders = normalize;
        self
    }

    /// Sets the evaluation points: a distribution or explicit points, both
    /// given for a unit radius. The build multiplies them by the radius
    /// (`x_p = radius * e_p`, as Nengo does), so explicit points are written
    /// in units of the radius, not as absolute values.
    pub fn eval_points(mut self, eval_points: impl IntoSamples) -> Self {
        self.eval_points = eval_points.into_samples();
        self
    }

    /// Sets how many evaluation points to draw.
    pub fn n_eval_points(mut self, n: usize) -> Self {
        self.n_eval_points = Some(n);
        self
    }

    /// Gives gains and biases outright (max rates and intercepts are then unused).
    pub fn gain_bias(mut self, gain: Vec<f64>, bias: Vec<f64>) -> Self {
        self.gain_bias = Some((gain, bias));
        self
    }

    /// Starts state variable `variable` of the neurons (`"voltage"`,
    /// `"refractory_time"`, … as the neuron type names them) from `values`:
    /// a distribution, drawn with the ensemble's seed, or one value per
    /// neuron (`n_neurons × 1`). Variables not given keep the type's default
    /// (LIF: voltage U(0, 1), refractory time 0). Given twice, the last
    /// wins. An unknown variable, a wrong shape or a non-finite value is a
    /// [`BuildError`](crate::BuildError) naming the ensemble, the variable
    /// and the value.
    pub fn initial_state(mut self, variable: impl Into<String>, values: impl IntoSamples) -> Self {
        self.initial_state
            .push((variable.into(), values.into_samples()));
        self
    }

    /// Adds `process` to every neuron's input current (Nengo's
    /// `Ensemble.noise`): each step, one sample per neuron. Unseeded, its
    /// stream is seeded from the network's seed and this ensemble's name.
    pub fn noise(mut self, process: impl crate::processes::Process + 'static) -> Self {
        self.noise = Some(Arc::new(process));
        self
    }

    /// Sets the seed of this ensemble's random draws.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// Nengo's default number of evaluation points:
    /// `max(clip(500 d, 750, 2500), 2 n)`.
    /// Saturates instead of overflowing for absurd sizes (which the network
    /// then refuses as too large).
    pub fn default_n_eval_points(n_neurons: usize, dimensions: usize) -> usize {
        dimensions
            .saturating_mul(500)
            .clamp(750, 2500)
            .max(n_neurons.saturating_mul(2))
    }

    /// The number of evaluation points the build will use.
    pub fn eval_point_count(&self) -> usize {
        self.eval_points.given_rows().unwrap_or_else(|| {
            self.n_eval_points
                .unwrap_or_else(|| Self::default_n_eval_points(self.n_neurons, self.dimensions))
        })
    }
}
