//! Structure-of-arrays state of one population.

/// The state of a population: one contiguous `Vec<f32>` per state variable
/// (voltage, refractory time, recovery…), in the order of
/// [`NeuronType::state_names`](super::NeuronType::state_names).
///
/// Stochastic neuron types (Poisson spiking) also keep their random
/// generator here, so it is reset, copied and checkpointed with the
/// rest of the population's state and runs stay reproducible.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct NeuronState {
    n: usize,
    vars: Vec<Vec<f32>>,
    rng: Option<rand_chacha::ChaCha8Rng>,
    /// True while the variables were last written by their neuron type's
    /// own step (see [`is_stepped`](Self::is_stepped)).
    stepped: bool,
}

/// Two states are equal when they hold the same values and generator; how
/// the values were last written does not matter.
impl PartialEq for NeuronState {
    fn eq(&self, other: &Self) -> bool {
        self.n == other.n && self.vars == other.vars && self.rng == other.rng
    }
}

impl NeuronState {
    /// `n_vars` variables of `n` neurons, all zero.
    pub fn zeros(n: usize, n_vars: usize) -> Self {
        Self {
            n,
            vars: vec![vec![0.0; n]; n_vars],
            rng: None,
            stepped: false,
        }
    }

    /// Builds a state from its variables; every one must hold `n` values.
    ///
    /// # Panics
    /// If the variables differ in length (a bug in a neuron type, never user input).
    pub fn from_vars(vars: Vec<Vec<f32>>) -> Self {
        let n = vars.first().map_or(0, Vec::len);
        assert!(
            vars.iter().all(|v| v.len() == n),
            "state variables differ in length"
        );
        Self {
            n,
            vars,
            rng: None,
            stepped: false,
        }
    }

    /// Gives the population a random generator seeded with `seed`.
    pub fn with_rng(mut self, seed: u64) -> Self {
        use rand::SeedableRng;
        self.rng = Some(rand_chacha::ChaCha8Rng::seed_from_u64(seed));
        self
    }

    /// The population's random generator, if it has one.
    pub fn rng_mut(&mut self) -> Option<&mut rand_chacha::ChaCha8Rng> {
        self.rng.as_mut()
    }

    /// Variable `i` and the random generator, both mutable.
    pub fn var_and_rng_mut(
        &mut self,
        i: usize,
    ) -> (&mut [f32], Option<&mut rand_chacha::ChaCha8Rng>) {
        self.stepped = false;
        (&mut self.vars[i], self.rng.as_mut())
    }

    /// Number of neurons.
    pub fn len(&self) -> usize {
        self.n
    }

    /// True for a population of no neurons.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Number of state variables.
    pub fn n_vars(&self) -> usize {
        self.vars.len()
    }

    /// Variable `i` for every neuron.
    pub fn var(&self, i: usize) -> &[f32] {
        &self.vars[i]
    }

    /// Variable `var` of neurons `range`, widened to `f64` into `out`.
    pub fn widen_into(&self, var: usize, range: std::ops::Range<usize>, out: &mut [f64]) {
        for (o, &v) in out.iter_mut().zip(&self.vars[var][range]) {
            *o = f64::from(v);
        }
    }

    /// Variable `i` for every neuron, mutable.
    pub fn var_mut(&mut self, i: usize) -> &mut [f32] {
        self.stepped = false;
        &mut self.vars[i]
    }

    /// Splits the state into consecutive blocks of at most `size` neurons
    /// (the simulator steps blocks independently, possibly on different
    /// threads). Block `k` of a stochastic type gets the generator's stream
    /// `k` (block 0 keeps the original), so the split depends only on `size`,
    /// never on the number of threads, and a state of at most `size` neurons
    /// is unchanged.
    pub fn into_blocks(self, size: usize) -> Vec<NeuronState> {
        let size = size.max(1);
        if self.n <= size {
            return vec![self];
        }
        (0..self.n.div_ceil(size))
            .map(|k| {
                let range = k * size..((k + 1) * size).min(self.n);
                let rng = self.rng.clone().map(|mut rng| {
                    if k > 0 {
                        rng.set_stream(k as u64);
                        rng.set_word_pos(0);
                    }
                    rng
                });
                NeuronState {
                    n: range.len(),
                    vars: self
                        .vars
                        .iter()
                        .map(|v| v[range.clone()].to_vec())
                        .collect(),
                    rng,
                    stepped: self.stepped,
                }
            })
            .collect()
    }

    /// True when the state carries a random generator (a stochastic type).
    pub fn has_rng(&self) -> bool {
        self.rng.is_some()
    }

    /// Joins states of the same type end to end (the simulator packs small
    /// populations into one block). Random generators are not joined: only
    /// states without one may be concatenated.
    ///
    /// # Panics
    /// If the states differ in their number of variables or carry a
    /// generator (a bug in the simulator, never user input).
    pub fn concat(states: Vec<NeuronState>) -> NeuronState {
        let mut states = states.into_iter();
        let Some(mut joined) = states.next() else {
            return NeuronState::zeros(0, 0);
        };
        for s in states {
            assert!(
                s.vars.len() == joined.vars.len() && s.rng.is_none() && joined.rng.is_none(),
                "only generator-free states of one type can be joined"
            );
            for (a, b) in joined.vars.iter_mut().zip(s.vars) {
                a.extend(b);
            }
            joined.n += s.n;
            joined.stepped &= s.stepped;
        }
        joined
    }

    /// True when the variables were last written by their neuron type's own
    /// [`step`](super::NeuronType::step) (which calls
    /// [`mark_stepped`](Self::mark_stepped) when it is done), not set from
    /// outside. A type may then rely on what its step guarantees and skip
    /// checks on the next one: a LIF voltage is at most 1 after any step,
    /// so its next step needs no search for voltages above threshold.
    /// Every mutable accessor clears it.
    pub fn is_stepped(&self) -> bool {
        self.stepped
    }

    /// True when `other` has as many neurons and variables as this state
    /// and a random generator exactly when this one has (a checkpoint's
    /// state must fit the population it is put back into).
    pub fn same_shape(&self, other: &NeuronState) -> bool {
        self.n == other.n
            && self.vars.len() == other.vars.len()
            && self.vars.iter().all(|v| v.len() == self.n)
            && self.rng.is_some() == other.rng.is_some()
    }

    /// Records that a step of the state's own neuron type has just written it.
    pub fn mark_stepped(&mut self) {
        self.stepped = true;
    }

    /// The first two variables, both mutable (voltage and its companion).
    pub fn pair_mut(&mut self) -> (&mut [f32], &mut [f32]) {
        self.stepped = false;
        let (a, b) = self.vars.split_at_mut(1);
        (&mut a[0], &mut b[0])
    }
}
