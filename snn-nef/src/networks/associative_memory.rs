//! Nengo's `AssociativeMemory`: cleans up a noisy vector to the stored item
//! it is most like, and maps it to that item's output vector.

use super::ensemble_array::{EnsembleArray, EnsembleArrayParts};
use super::{invalid, one_sided};
use crate::connection::Connection;
use crate::dists::{Choice, Exponential, Uniform};
use crate::ensemble::Ensemble;
use crate::error::BuildError;
use crate::ids::{EnsembleId, NodeId, Slice};
use crate::network::{Network, ScopeId, Subnet};
use crate::node::Node;
use nalgebra::DMatrix;
use snn_core::synapses::{Lowpass, Synapse};
use std::sync::Arc;

/// The intercepts' exponential scale: most neurons fire as soon as their
/// item is present at all.
const EXP_SCALE: f64 = 0.15;
/// Evaluation points of every ensemble in it.
const N_EVAL_POINTS: usize = 5000;
/// The weight of the `inhibit` input on every item.
const INHIBIT_SCALE: f64 = 1.5;

/// One one-dimensional ensemble per item: its input is the item's
/// similarity to the input (`input_vectors · x`, scaled by the item's
/// `input_scale`), less the item's `threshold`; neurons with encoder `+1`
/// and intercepts `Exponential(0.15, 0, 1)` respond only above it, and
/// decode `1 - e^{-15 u}` (a step filtered to rise from 0 to 1), the
/// item's *utility*. The output is `output_vectors` weighted by the
/// utilities (by default the input vectors: a clean-up memory).
///
/// Options, as Nengo's methods (set before the build, so none of its
/// connections has to be rerouted afterwards):
/// [`wta`](Self::wta) makes the items inhibit each other (winner take all);
/// [`threshold_outputs`](Self::threshold_outputs) adds arrays that turn the
/// utilities into clean 0/1 values feeding the output;
/// [`default_output_vector`](Self::default_output_vector) outputs a vector
/// when no item is active; [`inhibitable`](Self::inhibitable) adds an
/// `inhibit` input silencing everything.
#[derive(Debug, Clone)]
pub struct AssociativeMemory {
    input_vectors: DMatrix<f64>,
    output_vectors: Option<DMatrix<f64>>,
    n_neurons: usize,
    threshold: Vec<f64>,
    input_scales: Vec<f64>,
    inhibitable: bool,
    wta: Option<(f64, Arc<dyn Synapse>)>,
    threshold_outputs: Option<(usize, f64)>,
    default_output: Option<(Vec<f64>, usize, f64)>,
}

/// What an [`AssociativeMemory`] adds.
#[derive(Debug, Clone)]
pub struct AssociativeMemoryParts {
    /// The vector to look up (`D_in` values).
    pub input: NodeId,
    /// The mapped vector (`D_out` values).
    pub output: NodeId,
    /// Each item's utility (0 to 1): Nengo's `utilities`/`elem_output`.
    pub utilities: NodeId,
    /// Each item's input, the similarities (Nengo's `elem_input`).
    pub elem_input: NodeId,
    /// The constant 1 the thresholds and biases come from.
    pub bias_node: NodeId,
    /// The items' ensembles.
    pub am_ensembles: Vec<EnsembleId>,
    /// 1 silences every item (with [`AssociativeMemory::inhibitable`]).
    pub inhibit: Option<NodeId>,
    /// The clean 0/1 utilities (with
    /// [`AssociativeMemory::threshold_outputs`]), and their arrays.
    pub thresholded_utilities: Option<NodeId>,
    /// The array biased to 1 and inhibited by the utilities.
    pub thresh_bias: Option<EnsembleArrayParts>,
    /// The array giving the thresholded utilities.
    pub thresh_ens: Option<EnsembleArrayParts>,
    /// The ensemble of the default output vector.
    pub default_vector_ens: Option<EnsembleId>,
    /// Mappings added after the build, by name.
    pub mappings: Vec<(String, NodeId)>,
    n_items: usize,
    scope: ScopeId,
}

impl AssociativeMemory {
    /// A clean-up memory of the rows of `input_vectors` (one item each),
    /// with Nengo's defaults: 50 neurons per item, threshold 0.3, input
    /// scales 1.
    pub fn new(input_vectors: DMatrix<f64>) -> Self {
        let n = input_vectors.nrows();
        Self {
            input_vectors,
            output_vectors: None,
            n_neurons: 50,
            threshold: vec![0.3; n],
            input_scales: vec![1.0; n],
            inhibitable: false,
            wta: None,
            threshold_outputs: None,
            default_output: None,
        }
    }

    /// Maps item `i` to row `i` of `output_vectors` (a hetero-associative
    /// memory).
    pub fn output_vectors(mut self, output_vectors: DMatrix<f64>) -> Self {
        self.output_vectors = Some(output_vectors);
        self
    }

    /// Neurons per item (default 50).
    pub fn n_neurons(mut self, n: usize) -> Self {
        self.n_neurons = n;
        self
    }

    /// One threshold for every item (default 0.3).
    pub fn threshold(mut self, threshold: f64) -> Self {
        self.threshold = vec![threshold; self.input_vectors.nrows()];
        self
    }

    /// A threshold per item.
    pub fn thresholds(mut self, thresholds: Vec<f64>) -> Self {
        self.threshold = thresholds;
        self
    }

    /// A scale per item on its similarity (default 1 each).
    pub fn input_scales(mut self, scales: Vec<f64>) -> Self {
        self.input_scales = scales;
        self
    }

    /// Adds the `inhibit` input.
    pub fn inhibitable(mut self, inhibitable: bool) -> Self {
        self.inhibitable = inhibitable;
        self
    }

    /// Items inhibit each other's inputs by `inhibit_scale` (Nengo's
    /// default 1.5) through `inhibit_synapse` (default `Lowpass(0.005)`):
    /// only the strongest stays active.
    pub fn wta(mut self, inhibit_scale: f64, inhibit_synapse: impl Synapse + 'static) -> Self {
        self.wta = Some((inhibit_scale, Arc::new(inhibit_synapse)));
        self
    }

    /// [`wta`](Self::wta) with Nengo's defaults.
    pub fn default_wta(self) -> Self {
        self.wta(1.5, Lowpass(0.005))
    }

    /// Thresholded utilities: two arrays of `n_neurons` per item (Nengo's
    /// default 50), one biased to 1 and inhibited by the utilities, the
    /// other biased to 1 and inhibited by the first (weights
    /// `-inhibit_scale`, default 10), so an item is 1 when its utility is
    /// clearly above 0, else 0. The output then comes from them.
    pub fn threshold_outputs(mut self, n_neurons: usize, inhibit_scale: f64) -> Self {
        self.threshold_outputs = Some((n_neurons, inhibit_scale));
        self
    }

    /// Outputs `vector` when no item's utility reaches
    /// `min_activation_value` (Nengo's defaults: 50 neurons, 0.5).
    pub fn default_output_vector(
        mut self,
        vector: Vec<f64>,
        n_neurons: usize,
        min_activation_value: f64,
    ) -> Self {
        self.default_output = Some((vector, n_neurons, min_activation_value));
        self
    }

    fn check(&self, object: &str, n_out: usize, d_out: usize) -> Result<(), BuildError> {
        let n = self.input_vectors.nrows();
        if n == 0 || self.input_vectors.ncols() == 0 {
            return Err(invalid(
                object,
                "input_vectors",
                "an empty matrix",
                "needs at least one item of at least one dimension",
            ));
        }
        if n_out != n {
            return Err(invalid(
                object,
                "output_vectors",
                format!("{n_out} rows"),
                &format!("needs one row per input vector ({n})"),
            ));
        }
        if d_out == 0 {
            return Err(invalid(
                object,
                "output_vectors",
                "0 columns",
                "needs at least one dimension",
            ));
        }
        for (param, values) in [
            ("threshold", &self.threshold),
            ("input_scales", &self.input_scales),
        ] {
            if values.len() != n {
                return Err(invalid(
                    object,
                    param,
                    format!("{} values", values.len()),
                    &format!("needs one value per input vector ({n})"),
                ));
            }
            if let Some(v) = values.iter().find(|v| !v.is_finite()) {
                return Err(invalid(object, param, v, "must be finite"));
            }
        }
        if self.n_neurons == 0 {
            return Err(invalid(object, "n_neurons", 0, "must be at least 1"));
        }
        let bad = |m: &DMatrix<f64>| m.iter().any(|v| !v.is_finite());
        if bad(&self.input_vectors) || self.output_vectors.as_ref().is_some_and(bad) {
            return Err(invalid(
                object,
                "input_vectors",
                "a non-finite entry",
                "every entry must be finite",
            ));
        }
        if let Some((scale, _)) = &self.wta {
            if !scale.is_finite() {
                return Err(invalid(object, "inhibit_scale", scale, "must be finite"));
            }
        }
        if let Some((n, scale)) = self.threshold_outputs {
            if n == 0 || !scale.is_finite() {
                return Err(invalid(
                    object,
                    "threshold_outputs",
                    format!("({n}, {scale})"),
                    "needs at least 1 neuron and a finite scale",
                ));
            }
        }
        if let Some((v, n, min)) = &self.default_output {
            if v.len() != d_out || *n == 0 || !(min.is_finite() && *min > 0.0) {
                return Err(invalid(
                    object,
                    "default_output_vector",
                    format!(
                        "{} values, {n} neurons, min_activation_value {min}",
                        v.len()
                    ),
                    &format!(
                        "needs {d_out} values, at least 1 neuron and a positive minimum activation"
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// The ensembles of the items and of the default vector: intercepts near
/// 0, encoders `+1`, evaluated on `[0, 1)`.
fn item_ensemble(n: usize) -> Ensemble {
    Ensemble::new(n, 1)
        .radius(1.0)
        .intercepts(Exponential::new(EXP_SCALE, 0.0, 1.0))
        .encoders(Choice::new(DMatrix::from_element(1, 1, 1.0)))
        .eval_points(Uniform::new(0.0, 1.0))
        .n_eval_points(N_EVAL_POINTS)
}

/// `max(1 - e^{-scale x}, 0)`: the utility of an item's activity.
fn filtered_step(x: f64) -> f64 {
    (1.0 - (-15.0 * x).exp()).max(0.0)
}

impl Subnet for AssociativeMemory {
    type Parts = AssociativeMemoryParts;

    fn build(self, net: &mut Network) -> Result<AssociativeMemoryParts, BuildError> {
        let scope = net.current_scope();
        let object = net.scope_name(scope).to_string();
        let output_vectors = self
            .output_vectors
            .clone()
            .unwrap_or_else(|| self.input_vectors.clone());
        self.check(&object, output_vectors.nrows(), output_vectors.ncols())?;
        let n_items = self.input_vectors.nrows();
        let ones = |rows: usize| DMatrix::from_element(rows, 1, 1.0);
        let bias_node = net.node("bias_node", Node::constant([1.0]))?;
        let elem_input = net.node("elem_input", Node::passthrough(n_items))?;
        let utilities = net.node("elem_output", Node::passthrough(n_items))?;
        let mut am_ensembles = Vec::with_capacity(n_items);
        for i in 0..n_items {
            let e = net.ensemble(&i.to_string(), item_ensemble(self.n_neurons))?;
            net.connect(
                Connection::new(bias_node, e)
                    .transform(-self.threshold[i])
                    .synapse(None),
            )?;
            net.connect(Connection::new(elem_input.at(i), e).synapse(None))?;
            net.connect(
                Connection::new(e, utilities.at(i))
                    .function(|x: &[f64]| filtered_step(x[0]))
                    .synapse(None),
            )?;
            am_ensembles.push(e);
        }
        let inhibit = if self.inhibitable {
            let inhibit = net.node("inhibit", Node::passthrough(1))?;
            net.connect(
                Connection::new(inhibit, elem_input)
                    .transform(ones(n_items) * -INHIBIT_SCALE)
                    .synapse(None),
            )?;
            Some(inhibit)
        } else {
            None
        };
        if let Some((scale, synapse)) = &self.wta {
            let mutual = (DMatrix::identity(n_items, n_items)
                - DMatrix::from_element(n_items, n_items, 1.0))
                * *scale;
            net.connect(
                Connection::new(utilities, elem_input)
                    .transform(mutual)
                    .synapse(Arc::clone(synapse)),
            )?;
        }
        // What the output (and the default vector's inhibition) reads.
        let (mut source, mut thresh_bias, mut thresh_ens) = (utilities, None, None);
        if let Some((n, scale)) = self.threshold_outputs {
            let array = || {
                EnsembleArray::new(n, n_items).ensembles(|e| {
                    one_sided(e.radius(1.0), 0.5)
                        .eval_points(Uniform::new(0.75, 1.1))
                        .n_eval_points(N_EVAL_POINTS)
                })
            };
            let bias_array = net.add("thresh_bias", array())?;
            let out_array = net.add("thresh_ens", array())?;
            for target in [bias_array.input, out_array.input] {
                net.connect(
                    Connection::new(bias_node, target)
                        .transform(ones(n_items))
                        .synapse(None),
                )?;
            }
            net.connect(Connection::new(utilities, bias_array.input).transform(-scale))?;
            net.connect(Connection::new(bias_array.output, out_array.input).transform(-scale))?;
            if let Some(inhibit) = inhibit {
                for &e in &out_array.ensembles {
                    net.connect(
                        Connection::new(inhibit, e)
                            .transform(-INHIBIT_SCALE)
                            .synapse(None),
                    )?;
                }
            }
            source = out_array.output;
            thresh_bias = Some(bias_array);
            thresh_ens = Some(out_array);
        }
        let input = net.node("input", Node::passthrough(self.input_vectors.ncols()))?;
        let scales =
            DMatrix::from_diagonal(&nalgebra::DVector::from_vec(self.input_scales.clone()));
        net.connect(
            Connection::new(input, elem_input)
                .transform(scales * &self.input_vectors)
                .synapse(None),
        )?;
        let output = net.node("output", Node::passthrough(output_vectors.ncols()))?;
        net.connect(
            Connection::new(source, output)
                .transform(output_vectors.transpose())
                .synapse(None),
        )?;
        let default_vector_ens = match &self.default_output {
            Some((vector, n, min_activation)) => {
                let e = net.ensemble("default_vector", item_ensemble(*n))?;
                net.connect(Connection::new(bias_node, e).synapse(None))?;
                net.connect(Connection::new(source, e).transform(DMatrix::from_element(
                    1,
                    n_items,
                    -1.0 / min_activation,
                )))?;
                net.connect(
                    Connection::new(e, output)
                        .transform(DMatrix::from_column_slice(vector.len(), 1, vector))
                        .synapse(None),
                )?;
                if let Some(inhibit) = inhibit {
                    net.connect(
                        Connection::new(inhibit, e)
                            .transform(-INHIBIT_SCALE)
                            .synapse(None),
                    )?;
                }
                Some(e)
            }
            None => None,
        };
        Ok(AssociativeMemoryParts {
            input,
            output,
            utilities,
            elem_input,
            bias_node,
            am_ensembles,
            inhibit,
            thresholded_utilities: thresh_ens.as_ref().map(|a: &EnsembleArrayParts| a.output),
            thresh_bias,
            thresh_ens,
            default_vector_ens,
            mappings: Vec::new(),
            n_items,
            scope,
        })
    }
}

impl AssociativeMemoryParts {
    /// Adds an input `name` looking the rows of `input_vectors` up (one
    /// per item, scaled by `scales`), beside `input`.
    ///
    /// # Errors
    /// [`BuildError::InvalidParameter`] for a matrix without one row per
    /// item or scales of the wrong length; a duplicate name.
    pub fn add_input_mapping(
        &mut self,
        net: &mut Network,
        name: &str,
        input_vectors: DMatrix<f64>,
        scales: Vec<f64>,
    ) -> Result<NodeId, BuildError> {
        let object = net.scope_name(self.scope).to_string();
        self.rows_per_item(&object, "input_vectors", input_vectors.nrows())?;
        self.rows_per_item(&object, "input_scales", scales.len())?;
        let elem_input = self.elem_input;
        let node = net.within(self.scope, |net| {
            let node = net.node(name, Node::passthrough(input_vectors.ncols()))?;
            let scales = DMatrix::from_diagonal(&nalgebra::DVector::from_vec(scales));
            net.connect(
                Connection::new(node, elem_input)
                    .transform(scales * input_vectors)
                    .synapse(None),
            )?;
            Ok(node)
        })?;
        self.mappings.push((name.to_string(), node));
        Ok(node)
    }

    /// Adds an output `name` giving the rows of `output_vectors` weighted
    /// by the (thresholded, if made) utilities.
    ///
    /// # Errors
    /// As [`add_input_mapping`](Self::add_input_mapping).
    pub fn add_output_mapping(
        &mut self,
        net: &mut Network,
        name: &str,
        output_vectors: DMatrix<f64>,
    ) -> Result<NodeId, BuildError> {
        let object = net.scope_name(self.scope).to_string();
        self.rows_per_item(&object, "output_vectors", output_vectors.nrows())?;
        let source = self.thresholded_utilities.unwrap_or(self.utilities);
        let node = net.within(self.scope, |net| {
            let node = net.node(name, Node::passthrough(output_vectors.ncols()))?;
            net.connect(
                Connection::new(source, node)
                    .transform(output_vectors.transpose())
                    .synapse(None),
            )?;
            Ok(node)
        })?;
        self.mappings.push((name.to_string(), node));
        Ok(node)
    }

    fn rows_per_item(
        &self,
        object: &str,
        param: &'static str,
        rows: usize,
    ) -> Result<(), BuildError> {
        if rows != self.n_items {
            return Err(invalid(
                object,
                param,
                format!("{rows} rows"),
                &format!("needs one per item ({})", self.n_items),
            ));
        }
        Ok(())
    }
}
