//! Validation of a tuning request, shared by every neuron type's `gain_bias`.

use crate::error::NeuronError;

/// Checks that max rates and intercepts can be tuned for: equal lengths,
/// intercepts finite and in `[-1, 1)`, max rates positive, finite and below
/// the type's `limit`.
///
/// Every type's tuning divides by `1 - c` (the span from the intercept `c`
/// to `x = 1`, where the max rate is placed), so `c = 1` needs an infinite
/// gain and is refused, while `c = -1` (a neuron that starts firing at the
/// far end of the radius) is as valid as in Nengo: LIF at 200 Hz gets
/// `gain = 3.0896`, `bias = 4.0896`.
pub fn check_tuning_request(
    neuron: &'static str,
    max_rates: &[f64],
    intercepts: &[f64],
    limit: Option<f64>,
) -> Result<(), NeuronError> {
    if max_rates.len() != intercepts.len() {
        return Err(NeuronError::InvalidParameter {
            neuron,
            param: "max_rates",
            value: max_rates.len() as f64,
            reason: "must have one entry per intercept",
        });
    }
    for (index, (&rate, &value)) in max_rates.iter().zip(intercepts).enumerate() {
        if !(-1.0..1.0).contains(&value) {
            return Err(NeuronError::InvalidIntercept {
                neuron,
                index,
                value,
            });
        }
        if !(rate.is_finite() && rate > 0.0) {
            return Err(NeuronError::InvalidMaxRate {
                neuron,
                index,
                value: rate,
            });
        }
        if let Some(limit) = limit {
            if rate >= limit {
                return Err(NeuronError::UnreachableRate {
                    neuron,
                    index,
                    rate,
                    limit,
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::neurons::{
        AdaptiveLIF, AdaptiveLIFRate, Izhikevich, LIFRate, NeuronType, RectifiedLinear, Sigmoid,
        SpikingRectifiedLinear, Tanh, LIF,
    };
    use crate::NeuronError;

    /// Nengo 4.1 accepts an intercept of exactly -1 for every type. Its
    /// gains and biases for max rates 200 and 350 Hz at intercept -1, from
    /// `~/.venvs/nengo/bin/python`:
    /// ```text
    /// import nengo, numpy as np
    /// for t in [nengo.LIF(), nengo.LIFRate(), nengo.AdaptiveLIF(), ...]:
    ///     print(t.gain_bias(np.array([200., 350.]), np.array([-1., -1.])))
    /// ```
    #[test]
    fn intercept_of_minus_one_is_tuned_as_nengo_tunes_it() {
        let lif_gain = [3.0895809908382077, 11.41845232629005];
        let lif_bias = [4.089580990838208, 12.41845232629005];
        // (type, Nengo's gains, Nengo's biases, relative tolerance)
        type Case = (Box<dyn NeuronType>, [f64; 2], [f64; 2], f64);
        let cases: Vec<Case> = vec![
            (Box::new(LIF::default()), lif_gain, lif_bias, 1e-12),
            (Box::new(LIFRate::default()), lif_gain, lif_bias, 1e-12),
            (Box::new(AdaptiveLIF::default()), lif_gain, lif_bias, 1e-12),
            (
                Box::new(AdaptiveLIFRate::default()),
                lif_gain,
                lif_bias,
                1e-12,
            ),
            (
                Box::new(RectifiedLinear::default()),
                [100.0, 175.0],
                [100.0, 175.0],
                1e-12,
            ),
            (
                Box::new(SpikingRectifiedLinear::default()),
                [100.0, 175.0],
                [100.0, 175.0],
                1e-12,
            ),
            (
                Box::new(Sigmoid::default()),
                [0.0, 0.9729550745276568],
                [0.0, 0.9729550745276568],
                1e-12,
            ),
            (
                Box::new(Tanh::default()),
                [0.27465307216702745, 0.6770125502755525],
                [0.27465307216702745, 0.6770125502755525],
                1e-12,
            ),
            (
                Box::new(Izhikevich::default()),
                [44.15085714285716, 87.54914285714288],
                [47.75085714285716, 91.14914285714288],
                1e-5,
            ),
        ];
        for (neuron, gain, bias, tol) in cases {
            let (g, b) = neuron.gain_bias(&[200.0, 350.0], &[-1.0, -1.0]).unwrap();
            for i in 0..2 {
                let close = |a: f64, e: f64| (a - e).abs() <= tol * e.abs().max(1.0);
                assert!(
                    close(g[i], gain[i]) && close(b[i], bias[i]),
                    "{}: ({}, {}) vs Nengo's ({}, {})",
                    neuron.name(),
                    g[i],
                    b[i],
                    gain[i],
                    bias[i]
                );
            }
        }
    }

    #[test]
    fn intercept_of_one_and_below_minus_one_stay_refused() {
        for c in [1.0, -1.0 - 1e-12, f64::NAN] {
            let err = LIF::default().gain_bias(&[200.0], &[c]).unwrap_err();
            assert!(
                matches!(err, NeuronError::InvalidIntercept { index: 0, .. }),
                "{c}"
            );
            assert!(err.to_string().contains("[-1, 1)"), "{err}");
        }
    }
}
