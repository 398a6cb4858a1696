//! Finnish business ID (Y-tunnus): seven digits, a hyphen and a check digit.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A business ID whose form and check digit have been verified, always in the
/// canonical seven-digit form `1234567-8`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct BusinessId(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BusinessIdError {
    #[error("a business ID has the form 1234567-8")]
    Format,
    #[error("the check digit of the business ID does not match")]
    CheckDigit,
}

impl BusinessIdError {
    /// Stable key for the web layer's translated message.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Format => "business-id-format",
            Self::CheckDigit => "business-id-check-digit",
        }
    }
}

const WEIGHTS: [u32; 7] = [7, 9, 10, 5, 8, 4, 2];

impl BusinessId {
    /// Accepts `1234567-8`, and `123456-7` from the era of six-digit IDs,
    /// which the register writes with a leading zero.
    pub fn parse(input: &str) -> Result<Self, BusinessIdError> {
        let (number, check) = input.trim().split_once('-').ok_or(BusinessIdError::Format)?;
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !(number.len() == 6 || number.len() == 7)
            || check.len() != 1
            || !all_digits(number)
            || !all_digits(check)
        {
            return Err(BusinessIdError::Format);
        }
        let number = format!("{number:0>7}");
        let sum: u32 =
            number.bytes().zip(WEIGHTS).map(|(digit, weight)| u32::from(digit - b'0') * weight).sum();
        // Remainder 1 would need check digit 10, so no ID is issued with it.
        let expected = match sum % 11 {
            0 => 0,
            1 => return Err(BusinessIdError::CheckDigit),
            remainder => 11 - remainder,
        };
        if check.bytes().next().map(|b| u32::from(b - b'0')) != Some(expected) {
            return Err(BusinessIdError::CheckDigit);
        }
        Ok(Self(format!("{number}-{check}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BusinessId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for BusinessId {
    type Error = BusinessIdError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<BusinessId> for String {
    fn from(id: BusinessId) -> Self {
        id.0
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_ids() {
        for id in ["0737546-2", "0201256-6", "0204819-8", "2331972-7"] {
            assert_eq!(BusinessId::parse(id).unwrap().as_str(), id);
        }
    }

    #[test]
    fn remainder_zero_gives_check_digit_zero() {
        assert_eq!(BusinessId::parse("1000002-0").unwrap().as_str(), "1000002-0");
    }

    #[test]
    fn trims_and_pads_six_digit_ids() {
        let id = BusinessId::parse("  737546-2\n").unwrap();
        assert_eq!(id.as_str(), "0737546-2");
        assert_eq!(id.to_string(), "0737546-2");
    }

    #[test]
    fn rejects_wrong_form() {
        for input in [
            "",
            "0737546",
            "07375462",
            "0737546-",
            "0737546-22",
            "12345-6",
            "12345678-9",
            "073754a-2",
            "0737546-x",
            "0737 546-2",
            "０７３７５４６-２",
        ] {
            assert_eq!(BusinessId::parse(input), Err(BusinessIdError::Format), "{input:?}");
        }
    }

    #[test]
    fn rejects_wrong_check_digit() {
        for input in ["0737546-3", "0201256-0", "2331972-1", "737546-9"] {
            assert_eq!(BusinessId::parse(input), Err(BusinessIdError::CheckDigit), "{input:?}");
        }
    }

    #[test]
    fn remainder_one_is_never_valid() {
        for check in 0..=9 {
            let input = format!("1000008-{check}");
            assert_eq!(BusinessId::parse(&input), Err(BusinessIdError::CheckDigit));
        }
    }

    #[test]
    fn error_codes_are_stable() {
        assert_eq!(BusinessIdError::Format.code(), "business-id-format");
        assert_eq!(BusinessIdError::CheckDigit.code(), "business-id-check-digit");
    }

    #[test]
    fn serialises_as_string_and_validates_on_deserialise() {
        let id = BusinessId::parse("0204819-8").unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"0204819-8\"");
        let back: BusinessId = serde_json::from_str("\"0204819-8\"").unwrap();
        assert_eq!(back, id);
        assert!(serde_json::from_str::<BusinessId>("\"0204819-9\"").is_err());
    }
}
