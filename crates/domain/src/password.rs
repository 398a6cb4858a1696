//! Password policy (ASVS 2.1): at least 12 characters, at most 128, not a common password
//! and not the account's own e-mail or name.

/// Frequently breached passwords and Finnish favourites, compared case-insensitively after
/// stripping trailing digits and punctuation, so "Salasana2024!" is refused too.
const COMMON: &[&str] = &[
    "password",
    "passw0rd",
    "salasana",
    "salasanani",
    "qwerty",
    "qwertyuiop",
    "asdfghjkl",
    "letmein",
    "welcome",
    "tervetuloa",
    "admin",
    "administrator",
    "iloveyou",
    "sunshine",
    "princess",
    "football",
    "baseball",
    "monkey",
    "dragon",
    "master",
    "trustno",
    "superman",
    "kissa",
    "koira",
    "perkele",
    "suomi",
    "finland",
    "helsinki",
    "turku",
    "tampere",
    "hyvinvointi",
    "kumppani",
    "kumppanuus",
    "changeme",
    "default",
    "secret",
    "abc",
    "abcdef",
    "qazwsx",
    "zxcvbnm",
    "1q2w3e4r",
    "aaaaaa",
    "lösenord",
    "losenord",
    "välkommen",
    "hockey",
    "leijonat",
    "jääkiekko",
    "kesä",
    "talvi",
    "syksy",
    "kevät",
    "rakkaus",
    "salainen",
];

pub const MIN_CHARS: usize = 12;
pub const MAX_CHARS: usize = 128;

/// `Err(code)` names the rule broken; codes are translation keys (`error-<code>`).
pub fn check(password: &str, email: &str, name: &str) -> Result<(), &'static str> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err("password-too-short");
    }
    if chars > MAX_CHARS {
        return Err("password-too-long");
    }
    let lower = password.to_lowercase();
    let core = lower.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation());
    let first = lower.chars().next().unwrap_or(' ');
    if lower.chars().all(|c| c == first) || lower.chars().all(|c| c.is_ascii_digit()) {
        return Err("password-common");
    }
    if core.is_empty() || COMMON.iter().any(|c| core == *c || core.trim_end_matches(*c).is_empty()) {
        return Err("password-common");
    }
    let local = email.split('@').next().unwrap_or("").to_lowercase();
    let name = name.to_lowercase();
    if (local.chars().count() >= 4 && lower.contains(&local))
        || (name.chars().count() >= 4 && lower.contains(&name))
    {
        return Err("password-personal");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn refuses_short_common_and_personal_passwords() {
        assert_eq!(check("lyhyt", "a@b.fi", "A"), Err("password-too-short"));
        assert_eq!(check("Salasana2024!", "a@b.fi", "A"), Err("password-common"));
        assert_eq!(check("salasanasalasana", "a@b.fi", "A"), Err("password-common"));
        assert_eq!(check("111111111111", "a@b.fi", "A"), Err("password-common"));
        assert_eq!(
            check("maija.mallikas-2026", "maija.mallikas@turku.fi", "Maija"),
            Err("password-personal")
        );
    }

    #[test]
    fn accepts_a_long_passphrase() {
        assert_eq!(check("kolme iloista kumppania", "a@b.fi", "Anna"), Ok(()));
    }
}
