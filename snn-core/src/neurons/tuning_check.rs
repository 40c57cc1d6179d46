//! Validation of a tuning request, shared by every neuron type's `gain_bias`.

use crate::error::NeuronError;

/// Checks that max rates and intercepts can be tuned for: equal lengths,
/// intercepts finite and inside (-1, 1) (an intercept of 1 would need an
/// infinite gain), max rates positive, finite and below the type's `limit`.
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
        if !(value.is_finite() && value > -1.0 && value < 1.0) {
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
