//! Structure-of-arrays state of one population.

/// The state of a population: one contiguous `Vec<f32>` per state variable
/// (voltage, refractory time, recovery…), in the order of
/// [`NeuronType::state_names`](super::NeuronType::state_names).
///
/// Stochastic neuron types (Poisson spiking) also keep their random
/// generator here, so it is reset, copied and (later) checkpointed with the
/// rest of the population's state and runs stay reproducible.
#[derive(Debug, Clone, PartialEq)]
pub struct NeuronState {
    n: usize,
    vars: Vec<Vec<f32>>,
    rng: Option<rand_chacha::ChaCha8Rng>,
}

impl NeuronState {
    /// `n_vars` variables of `n` neurons, all zero.
    pub fn zeros(n: usize, n_vars: usize) -> Self {
        Self {
            n,
            vars: vec![vec![0.0; n]; n_vars],
            rng: None,
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
        Self { n, vars, rng: None }
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

    /// Variable `i` for every neuron, mutable.
    pub fn var_mut(&mut self, i: usize) -> &mut [f32] {
        &mut self.vars[i]
    }

    /// The first two variables, both mutable (voltage and its companion).
    pub fn pair_mut(&mut self) -> (&mut [f32], &mut [f32]) {
        let (a, b) = self.vars.split_at_mut(1);
        (&mut a[0], &mut b[0])
    }
}
