//! Finds actors whose work overlaps, so organisations that duplicate each other without
//! knowing it can find each other, and shows what they share.

use serde::Serialize;
use uuid::Uuid;

use crate::search;

/// What an actor says about its work, as written on its page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorProfile {
    pub id: Uuid,
    pub themes: Vec<String>,
    pub target_groups: Vec<String>,
    pub areas: Vec<String>,
    pub activity_terms: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TraitKind {
    Theme,
    TargetGroup,
    Area,
    Activity,
}

/// A value both actors have, written as the target actor writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SharedTrait {
    pub kind: TraitKind,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimilarActor {
    pub id: Uuid,
    /// Between 0 (nothing shared) and 1 (every kind of value the same).
    pub score: f64,
    /// Most telling kinds first: target groups, themes, activities, areas.
    pub shared: Vec<SharedTrait>,
}

/// Who an actor serves and what it works on say most about duplicated work, what it does
/// a little less (activities are free words, so matches are looser), and where it works
/// least, as most actors in a city share their area with many others.
const WEIGHTS: [(TraitKind, f64); 4] = [
    (TraitKind::TargetGroup, 3.0),
    (TraitKind::Theme, 3.0),
    (TraitKind::Activity, 2.0),
    (TraitKind::Area, 1.0),
];

/// The `limit` candidates most like `target`, best first, ties broken by id.
///
/// Each kind of value scores its Jaccard overlap (shared values over all distinct values
/// of both actors), so an actor with a long list of tags doesn't match everyone; the
/// score is the weighted mean over the kinds. Values compare case-insensitively, and
/// activities by search roots, so *vertaistuki* and *vertaistuen* are shared. Sharing
/// only areas doesn't make actors similar. Rare values don't weigh more than common
/// ones: with a few values per actor, the plain overlap ranks well enough and stays easy
/// to explain.
pub fn similar_actors(target: &ActorProfile, candidates: &[ActorProfile], limit: usize) -> Vec<SimilarActor> {
    let target_values = WEIGHTS.map(|(kind, _)| distinct(kind, target));
    let total_weight: f64 = WEIGHTS.iter().map(|(_, weight)| weight).sum();
    let mut similar: Vec<SimilarActor> = candidates
        .iter()
        .filter(|candidate| candidate.id != target.id)
        .filter_map(|candidate| {
            let mut score = 0.0;
            let mut shared = Vec::new();
            for ((kind, weight), target_values) in WEIGHTS.iter().zip(&target_values) {
                let (jaccard, values) = overlap(target_values, &distinct(*kind, candidate));
                score += weight * jaccard;
                shared.extend(
                    values.into_iter().map(|value| SharedTrait { kind: *kind, value: value.to_owned() }),
                );
            }
            shared.iter().any(|shared| shared.kind != TraitKind::Area).then(|| SimilarActor {
                id: candidate.id,
                score: score / total_weight,
                shared,
            })
        })
        .collect();
    similar.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
    similar.truncate(limit);
    similar
}

/// One of a profile's values, with what it is compared by.
struct Value<'a> {
    written: &'a str,
    key: Key,
}

enum Key {
    Normalised(String),
    Search { query: Vec<String>, index: Vec<String> },
}

impl Key {
    fn same(&self, other: &Key) -> bool {
        match (self, other) {
            (Key::Normalised(a), Key::Normalised(b)) => a == b,
            (Key::Search { query, index }, Key::Search { query: other_query, index: other_index }) => {
                // A query of connectives only has no terms and would match anything.
                (!query.is_empty() && search::matches(other_index, query))
                    || (!other_query.is_empty() && search::matches(index, other_query))
            }
            _ => false,
        }
    }
}

/// A profile's values of one kind, without case-insensitive repeats or blanks.
fn distinct(kind: TraitKind, profile: &ActorProfile) -> Vec<Value<'_>> {
    let written = match kind {
        TraitKind::Theme => &profile.themes,
        TraitKind::TargetGroup => &profile.target_groups,
        TraitKind::Area => &profile.areas,
        TraitKind::Activity => &profile.activity_terms,
    };
    let mut seen = Vec::new();
    let mut values = Vec::new();
    for written in written {
        let normalised = search::normalise(written);
        if normalised.is_empty() || seen.contains(&normalised) {
            continue;
        }
        let key = match kind {
            TraitKind::Activity => Key::Search {
                query: search::query_terms(&normalised),
                index: search::index_terms(&normalised),
            },
            _ => Key::Normalised(normalised.clone()),
        };
        seen.push(normalised);
        values.push(Value { written, key });
    }
    values
}

/// The Jaccard overlap of two value lists, and the target's values that are shared.
fn overlap<'a>(target: &[Value<'a>], candidate: &[Value<'_>]) -> (f64, Vec<&'a str>) {
    let shared: Vec<&str> =
        target.iter().filter(|t| candidate.iter().any(|c| t.key.same(&c.key))).map(|t| t.written).collect();
    // Inexact matches can pair several values on one side with one on the other, so
    // count the smaller side to keep the union no smaller than either list.
    let candidate_shared = candidate.iter().filter(|c| target.iter().any(|t| c.key.same(&t.key))).count();
    let both = shared.len().min(candidate_shared);
    let union = target.len() + candidate.len() - both;
    let jaccard = if union == 0 { 0.0 } else { both as f64 / union as f64 };
    (jaccard, shared)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn strings(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| (*v).to_owned()).collect()
    }

    fn profile(
        n: u128,
        themes: &[&str],
        target_groups: &[&str],
        areas: &[&str],
        activity_terms: &[&str],
    ) -> ActorProfile {
        ActorProfile {
            id: id(n),
            themes: strings(themes),
            target_groups: strings(target_groups),
            areas: strings(areas),
            activity_terms: strings(activity_terms),
        }
    }

    /// An association for the elderly in Turku, and others working in and around Turku.
    fn target() -> ActorProfile {
        profile(1, &["yksinäisyys", "liikunta"], &["ikäihmiset"], &["Turku"], &["vertaistuki", "kerho"])
    }

    fn parish() -> ActorProfile {
        profile(
            2,
            &["Yksinäisyys", "hengellisyys"],
            &["Ikäihmiset", "perheet"],
            &["Turku", "Kaarina"],
            &["vertaistuen ryhmät", "kerhot"],
        )
    }

    fn senior_sports_club() -> ActorProfile {
        profile(3, &["liikunta"], &["ikäihmiset"], &["Kaarina"], &["tuolijumppa"])
    }

    fn youth_sports_club() -> ActorProfile {
        profile(6, &["liikunta"], &["nuoret"], &["Turku"], &["sähly"])
    }

    fn city_library() -> ActorProfile {
        profile(4, &["lukeminen"], &["kaikki"], &["Turku"], &["lainaus"])
    }

    /// Names everything, so it shares a little with everyone.
    fn umbrella_organisation() -> ActorProfile {
        let themes: Vec<String> =
            (0..30).map(|i| format!("teema {i}")).chain(["yksinäisyys".to_owned()]).collect();
        ActorProfile {
            themes,
            ..profile(
                5,
                &[],
                &["ikäihmiset", "nuoret", "perheet", "maahanmuuttajat", "työttömät"],
                &["Varsinais-Suomi"],
                &["neuvonta", "koulutus"],
            )
        }
    }

    fn fixture() -> Vec<ActorProfile> {
        vec![
            city_library(),
            umbrella_organisation(),
            target(),
            youth_sports_club(),
            parish(),
            senior_sports_club(),
        ]
    }

    fn ids(similar: &[SimilarActor]) -> Vec<Uuid> {
        similar.iter().map(|s| s.id).collect()
    }

    #[test]
    fn ranks_by_overlap() {
        let similar = similar_actors(&target(), &fixture(), 10);
        // The umbrella organisation shares a target group and a theme, but among many.
        assert_eq!(ids(&similar), vec![id(2), id(3), id(6), id(5)]);
        assert!(similar.windows(2).all(|w| w[0].score > w[1].score));
        assert!(similar.iter().all(|s| s.score > 0.0 && s.score <= 1.0));
    }

    #[test]
    fn lists_shared_values_as_the_target_writes_them() {
        let similar = similar_actors(&target(), &[parish()], 10);
        let shared: Vec<(TraitKind, &str)> =
            similar[0].shared.iter().map(|s| (s.kind, s.value.as_str())).collect();
        assert_eq!(
            shared,
            vec![
                (TraitKind::TargetGroup, "ikäihmiset"),
                (TraitKind::Theme, "yksinäisyys"),
                (TraitKind::Activity, "vertaistuki"),
                (TraitKind::Activity, "kerho"),
                (TraitKind::Area, "Turku"),
            ]
        );
    }

    #[test]
    fn sharing_only_an_area_is_not_similar() {
        assert!(similar_actors(&target(), &[city_library()], 10).is_empty());
    }

    #[test]
    fn excludes_the_target_itself() {
        let similar = similar_actors(&target(), &[target(), parish()], 10);
        assert_eq!(ids(&similar), vec![id(2)]);
    }

    #[test]
    fn identical_profiles_score_one() {
        let twin = ActorProfile { id: id(9), ..target() };
        let similar = similar_actors(&target(), &[twin], 1);
        assert!((similar[0].score - 1.0).abs() < 1e-12);
    }

    #[test]
    fn order_is_deterministic() {
        let twins: Vec<ActorProfile> = [17, 16, 18].map(|n| ActorProfile { id: id(n), ..parish() }).into();
        let mut candidates = fixture();
        candidates.extend(twins);
        let first = similar_actors(&target(), &candidates, 10);
        candidates.reverse();
        assert_eq!(similar_actors(&target(), &candidates, 10), first);
        assert_eq!(ids(&first)[..4], [id(2), id(16), id(17), id(18)]);
    }

    #[test]
    fn returns_at_most_limit() {
        assert_eq!(ids(&similar_actors(&target(), &fixture(), 2)), vec![id(2), id(3)]);
        assert!(similar_actors(&target(), &fixture(), 0).is_empty());
    }

    #[test]
    fn repeated_and_blank_values_count_once() {
        let mut messy = parish();
        messy.target_groups = strings(&["IKÄIHMISET", "ikäihmiset ", " ", "Ikäihmiset"]);
        let mut tidy = parish();
        tidy.target_groups = strings(&["ikäihmiset"]);
        let messy = similar_actors(&target(), &[messy], 1);
        let tidy = similar_actors(&target(), &[tidy], 1);
        assert!((messy[0].score - tidy[0].score).abs() < 1e-12);
    }

    #[test]
    fn connective_activities_match_nothing() {
        let mut vague = youth_sports_club();
        vague.themes.clear();
        vague.activity_terms = strings(&["ja"]);
        let mut target = target();
        target.activity_terms = strings(&["ja", "tai"]);
        assert!(similar_actors(&target, &[vague], 10).is_empty());
    }

    #[test]
    fn serialises_kinds_in_snake_case() {
        let similar = similar_actors(&target(), &[parish()], 1);
        let json = serde_json::to_value(&similar[0]).unwrap();
        assert_eq!(json["shared"][0]["kind"], "target_group");
        assert_eq!(json["shared"][0]["value"], "ikäihmiset");
        assert_eq!(json["id"], id(2).to_string());
    }
}
