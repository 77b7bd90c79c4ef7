package embed

import (
	"strings"

	"pitchmatch/event"
)

// StartupText is what of a startup is embedded: its name, product name and
// product summary in both languages and the labels (ja and en) of its
// therapeutic areas and technologies. Codes become labels because the model
// knows "循環器 / Cardiovascular", not "cardiovascular" as our code.
func StartupText(s *event.Startup) string {
	if s == nil {
		return ""
	}
	return joinParts(
		s.Name.Joined(),
		s.ProductName.Joined(),
		s.ProductSummary.Joined(),
		labels(event.Areas, s.Areas),
		labels(event.Technologies, s.Technologies),
	)
}

// ThemeText is what of a company theme is embedded: its title and
// description in both languages and the labels of the wanted areas and
// technologies.
func ThemeText(t *event.Theme) string {
	if t == nil {
		return ""
	}
	return joinParts(
		t.Title.Joined(),
		t.Description.Joined(),
		labels(event.Areas, t.Areas),
		labels(event.Technologies, t.Technologies),
	)
}

// labels renders codes as "ja / en" labels separated by commas.
func labels(v *event.Vocabulary, codes []event.Code) string {
	parts := make([]string, 0, len(codes))
	for _, c := range codes {
		ja, en := v.Label(c, event.Ja), v.Label(c, event.En)
		if ja == en {
			parts = append(parts, en)
		} else {
			parts = append(parts, ja+" / "+en)
		}
	}
	return strings.Join(parts, ", ")
}

func joinParts(parts ...string) string {
	keep := parts[:0]
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, "\n")
}
