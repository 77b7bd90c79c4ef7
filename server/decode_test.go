package server

import (
	"testing"
)

func TestJSONFieldAt(t *testing.T) {
	tests := []struct {
		body string
		want string
	}{
		{`{"name":{"ja":"\xff","en":"x"}}`, "name.ja"},
		{`{"id":"S1","name":{"ja":"a","en":"b\xfe"}}`, "name.en"},
		{`{"apply":["T1","T\xff"]}`, "apply[1]"},
		{`{"website":"https://x/\xc3"}`, "website"},
		{`{"areas":["a"],"product_summary":{"ja":"\xe3\x81","en":""}}`, "product_summary.ja"},
	}
	for _, tt := range tests {
		b := []byte(tt.body)
		if got := jsonFieldAt(b, invalidUTF8At(b)); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.body, got, tt.want)
		}
	}
}
