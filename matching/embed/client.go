package embed

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"pitchmatch/event"
)

// Sentinel causes wrapped by the *event.Error values the client returns, so
// callers can tell the failures apart with errors.Is.
var (
	ErrUnauthorized      = errors.New("API key refused")
	ErrRateLimited       = errors.New("rate limited")
	ErrUnavailable       = errors.New("embedding server unavailable")
	ErrMalformed         = errors.New("malformed response")
	ErrDimensionMismatch = errors.New("dimension mismatch")
	ErrRejected          = errors.New("request rejected")
)

// maxRetryAfter is the longest Retry-After the client waits for; a server
// asking for more fails the run with a message saying how long it asked.
const maxRetryAfter = 2 * time.Minute

// Client embeds texts through an OpenAI-compatible endpoint. It is safe for
// concurrent use.
type Client struct {
	cfg Config
	oa  *openai.Client

	// backoff tuning and the sleeper; tests shorten them.
	baseDelay time.Duration
	maxDelay  time.Duration
	sleep     func(ctx context.Context, d time.Duration) error
}

// New returns a client for cfg; zero limits take the package defaults and a
// nil HTTPClient gets one with a two-minute timeout per request.
func New(cfg Config) *Client {
	cfg = cfg.withDefaults()
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 2 * time.Minute}
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	oc.BaseURL = cfg.BaseURL
	oc.HTTPClient = hc
	return &Client{
		cfg:       cfg,
		oa:        openai.NewClientWithConfig(oc),
		baseDelay: 500 * time.Millisecond,
		maxDelay:  30 * time.Second,
		sleep:     sleepCtx,
	}
}

// WithSleep makes the client wait between retries through sleep (which
// waits d, or returns ctx's error early when ctx ends) instead of a real
// timer, and returns it. Callers with their own clock (the desktop, tests)
// use it so that back-off never waits real time there. Call it before the
// client is used.
func (c *Client) WithSleep(sleep func(ctx context.Context, d time.Duration) error) *Client {
	if sleep != nil {
		c.sleep = sleep
	}
	return c
}

// CacheModel is the model name vectors from this client are cached under
// (see Config.CacheModel).
func (c *Client) CacheModel() string { return c.cfg.CacheModel() }

// BaseURL is the endpoint the client talks to.
func (c *Client) BaseURL() string { return c.cfg.BaseURL }

// Embed returns one vector per text, in order. Texts are split into
// requests of at most MaxBatchInputs inputs and MaxBatchChars bytes, at
// most MaxInFlight requests run at once, and progress (if not nil) is called
// after each request with the number of texts embedded so far. Empty texts
// are refused: the API rejects them. On error nothing partial is returned.
func (c *Client) Embed(ctx context.Context, texts []string, progress func(done, total int)) ([][]float32, error) {
	out := make([][]float32, len(texts))
	_, err := c.run(ctx, texts, progress, func(idx []int, vecs [][]float32) error {
		for i, k := range idx {
			out[k] = vecs[i]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// runStats counts the HTTP requests made and how many were retries.
type runStats struct {
	requests atomic.Int64
	retries  atomic.Int64
}

// run embeds texts batch by batch and hands each batch's vectors to sink
// (called under a lock, one batch at a time) as soon as it arrives, so a
// caller can cache what was paid for even if a later batch fails.
func (c *Client) run(ctx context.Context, texts []string, progress func(done, total int), sink func(idx []int, vecs [][]float32) error) (*runStats, error) {
	st := &runStats{}
	for i, t := range texts {
		if strings.TrimSpace(t) == "" {
			return st, event.Errorf(event.EInvalid, fmt.Sprintf("埋め込むテキスト %d が空です", i), "text %d to embed is empty", i)
		}
	}
	if len(texts) == 0 {
		return st, nil
	}
	batches := splitBatches(texts, c.cfg.MaxBatchInputs, c.cfg.MaxBatchChars)

	parent := ctx
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	var (
		mu       sync.Mutex // guards everything below
		done     int
		dims     = c.cfg.Dims
		firstErr error
	)
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
			cancel(err)
		}
		mu.Unlock()
	}
	work := make(chan []int)
	var wg sync.WaitGroup
	for range min(c.cfg.MaxInFlight, len(batches)) {
		wg.Go(func() {
			for idx := range work {
				vecs, err := c.request(ctx, texts, idx, st)
				if err != nil {
					fail(err)
					continue
				}
				mu.Lock()
				if dims == 0 {
					dims = len(vecs[0])
				}
				if len(vecs[0]) != dims {
					err = c.dimsError(len(vecs[0]), dims, "earlier requests")
				} else if err = sink(idx, vecs); err == nil {
					done += len(idx)
					if progress != nil {
						progress(done, len(texts))
					}
				}
				mu.Unlock()
				if err != nil {
					fail(err)
				}
			}
		})
	}
feed:
	for _, b := range batches {
		select {
		case work <- b:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()

	if parent.Err() != nil {
		return st, fmt.Errorf("embedding cancelled after %d of %d texts: %w", done, len(texts), context.Cause(parent))
	}
	return st, firstErr
}

// splitBatches groups text indexes into consecutive batches of at most
// maxInputs texts and maxBytes bytes; a single text over the budget goes
// alone.
func splitBatches(texts []string, maxInputs, maxBytes int) [][]int {
	var out [][]int
	var cur []int
	size := 0
	for i, t := range texts {
		if len(cur) > 0 && (len(cur) >= maxInputs || size+len(t) > maxBytes) {
			out = append(out, cur)
			cur, size = nil, 0
		}
		cur = append(cur, i)
		size += len(t)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// request sends one batch, retrying 429, 5xx and timeouts.
func (c *Client) request(ctx context.Context, texts []string, idx []int, st *runStats) ([][]float32, error) {
	inputs := make([]string, len(idx))
	for i, k := range idx {
		inputs[i] = texts[k]
	}
	req := openai.EmbeddingRequestStrings{
		Input:      inputs,
		Model:      openai.EmbeddingModel(c.cfg.Model),
		Dimensions: c.cfg.Dims,
	}
	for attempt := 0; ; attempt++ {
		st.requests.Add(1)
		res, err := c.oa.CreateEmbeddings(ctx, req)
		if err == nil {
			return c.decode(&res, len(inputs))
		}
		if ctx.Err() != nil {
			return nil, context.Cause(ctx)
		}
		retry, e := c.classify(err, attempt)
		if !retry || attempt >= c.cfg.MaxRetries {
			return nil, e
		}
		wait := c.backoff(attempt)
		if ra, ok := retryAfter(res.Header(), time.Now()); ok {
			if ra > maxRetryAfter {
				return nil, c.errorf(event.ERateLimited, ErrRateLimited, nil,
					fmt.Sprintf("埋め込みサーバー %s から %s 後に再試行するよう指示されました", c.cfg.BaseURL, ra.Round(time.Second)),
					"the embedding server at %s asks to retry after %s; try again later", c.cfg.BaseURL, ra.Round(time.Second))
			}
			wait = ra
		}
		st.retries.Add(1)
		if err := c.sleep(ctx, wait); err != nil {
			return nil, context.Cause(ctx)
		}
	}
}

// decode checks a response against the request: one vector per input, each
// index once, all of one length, and of the configured length if set.
func (c *Client) decode(res *openai.EmbeddingResponse, n int) ([][]float32, error) {
	malformed := func(format string, args ...any) error {
		return c.errorf(event.EUnavailable, ErrMalformed, fmt.Errorf(format, args...),
			fmt.Sprintf("埋め込みサーバー %s の応答が不正です", c.cfg.BaseURL),
			"the embedding server at %s returned a malformed response body", c.cfg.BaseURL)
	}
	if len(res.Data) != n {
		return nil, malformed("%d vectors for %d inputs", len(res.Data), n)
	}
	out := make([][]float32, n)
	for _, d := range res.Data {
		if d.Index < 0 || d.Index >= n || out[d.Index] != nil {
			return nil, malformed("index %d out of range or repeated", d.Index)
		}
		if len(d.Embedding) == 0 {
			return nil, malformed("empty vector at index %d", d.Index)
		}
		out[d.Index] = d.Embedding
	}
	want := c.cfg.Dims
	what := "the configured dimensions"
	if want == 0 {
		want, what = len(out[0]), "the first vector of the response"
	}
	for _, v := range out {
		if len(v) != want {
			return nil, c.dimsError(len(v), want, what)
		}
	}
	return out, nil
}

func (c *Client) dimsError(got, want int, what string) error {
	return c.errorf(event.EInvalid, ErrDimensionMismatch, nil,
		fmt.Sprintf("埋め込みの次元数が一致しません: %d 次元が返されましたが %d 次元を想定しています（モデル %s、%s）", got, want, c.cfg.Model, c.cfg.BaseURL),
		"embedding dimension mismatch: the server at %s returned a %d-dimensional vector where %s say %d (model %s); check --dims and --model",
		c.cfg.BaseURL, got, what, want, c.cfg.Model)
}

// errorf builds a bilingual *event.Error whose cause chain holds sentinel
// and cause.
func (c *Client) errorf(code string, sentinel, cause error, ja, enFormat string, args ...any) error {
	var inner error = sentinel
	if cause != nil {
		inner = fmt.Errorf("%w: %s", sentinel, c.redact(cause.Error()))
	}
	return &event.Error{Code: code, Message: event.Text{Ja: ja, En: fmt.Sprintf(enFormat, args...)}, Err: inner}
}

// classify maps a failed attempt to whether it is worth retrying and the
// error to report if not (or if retries run out).
func (c *Client) classify(err error, attempt int) (retry bool, out error) {
	url := c.cfg.BaseURL
	status := 0
	var serverMsg string
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	switch {
	case errors.As(err, &apiErr):
		status, serverMsg = apiErr.HTTPStatusCode, apiErr.Message
	case errors.As(err, &reqErr):
		status = reqErr.HTTPStatusCode
		serverMsg = strings.TrimSpace(string(reqErr.Body))
		if len(serverMsg) > 200 {
			serverMsg = serverMsg[:200] + "…"
		}
	}
	tries := fmt.Sprintf("after %d attempts", attempt+1)
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		env := "the " + EnvKey + " or " + EnvPitchKey + " environment variable"
		if c.cfg.KeyEnv != "" {
			env = "the key in " + c.cfg.KeyEnv
		}
		if c.cfg.APIKey == "" {
			env = "no API key was sent; set " + EnvKey + " or " + EnvPitchKey
		}
		// The server's message is left out: OpenAI echoes part of the key.
		return false, c.errorf(event.EUnauthorized, ErrUnauthorized, nil,
			fmt.Sprintf("埋め込みサーバー %s がAPIキーを拒否しました（HTTP %d）。環境変数 %s または %s を確認してください", url, status, EnvKey, EnvPitchKey),
			"the embedding server at %s refused the API key (HTTP %d): check %s", url, status, env)
	case status == http.StatusTooManyRequests:
		return true, c.errorf(event.ERateLimited, ErrRateLimited, msgErr(serverMsg),
			fmt.Sprintf("埋め込みサーバー %s の利用制限に達しました（HTTP 429）。時間をおいて再実行してください", url),
			"the embedding server at %s is rate limiting (HTTP 429) %s; try again later", url, tries)
	case status >= 500 || status == http.StatusRequestTimeout:
		return true, c.errorf(event.EUnavailable, ErrUnavailable, msgErr(serverMsg),
			fmt.Sprintf("埋め込みサーバー %s がエラーを返しました（HTTP %d）", url, status),
			"the embedding server at %s failed (HTTP %d) %s", url, status, tries)
	case status != 0:
		return false, c.errorf(event.EInvalid, ErrRejected, msgErr(serverMsg),
			fmt.Sprintf("埋め込みサーバー %s がリクエストを拒否しました（HTTP %d、モデル %s）", url, status, c.cfg.Model),
			"the embedding server at %s rejected the request (HTTP %d, model %s)", url, status, c.cfg.Model)
	}
	var synErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &synErr) || errors.As(err, &typeErr) || errors.Is(err, io.ErrUnexpectedEOF) {
		return false, c.errorf(event.EUnavailable, ErrMalformed, err,
			fmt.Sprintf("埋め込みサーバー %s の応答が不正です", url),
			"the embedding server at %s returned a malformed response body", url)
	}
	if errors.Is(err, syscall.ECONNREFUSED) {
		return false, c.errorf(event.EUnavailable, ErrUnavailable, err,
			fmt.Sprintf("埋め込みサーバー %s に接続できません。サーバーが起動しているか確認してください", url),
			"could not connect to the embedding server at %s: is it running?", url)
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return false, c.errorf(event.EUnavailable, ErrUnavailable, err,
			fmt.Sprintf("埋め込みサーバー %s のホスト名が見つかりません", url),
			"the host of the embedding server at %s was not found: check --base-url", url)
	}
	var certErr *tls.CertificateVerificationError
	var authErr x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	if errors.As(err, &certErr) || errors.As(err, &authErr) || errors.As(err, &hostErr) {
		return false, c.errorf(event.EUnavailable, ErrUnavailable, err,
			fmt.Sprintf("埋め込みサーバー %s の証明書を検証できません", url),
			"the TLS certificate of the embedding server at %s could not be verified", url)
	}
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() || errors.Is(err, context.DeadlineExceeded) {
		return true, c.errorf(event.EUnavailable, ErrUnavailable, err,
			fmt.Sprintf("埋め込みサーバー %s が時間内に応答しませんでした", url),
			"the embedding server at %s timed out %s", url, tries)
	}
	// Other transport failures (connection reset, EOF): transient.
	return true, c.errorf(event.EUnavailable, ErrUnavailable, err,
		fmt.Sprintf("埋め込みサーバー %s との通信に失敗しました", url),
		"talking to the embedding server at %s failed %s", url, tries)
}

// msgErr turns a server's message into a cause, nil when there is none.
func msgErr(s string) error {
	if s == "" {
		return nil
	}
	return errors.New(s)
}

// redact removes the API key, and anything that looks like an OpenAI key
// (servers echo masked keys such as "sk-abc***xyz"), from s.
func (c *Client) redact(s string) string {
	if c.cfg.APIKey != "" {
		s = strings.ReplaceAll(s, c.cfg.APIKey, "[redacted]")
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "sk-")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteString("sk-[redacted]")
		j := i + 3
		for j < len(s) && !strings.ContainsRune(" \t\r\n\"'`,;)", rune(s[j])) {
			j++
		}
		s = s[j:]
	}
}

// backoff is exponential with "equal jitter": half the delay fixed, half
// random, so concurrent clients spread out.
func (c *Client) backoff(attempt int) time.Duration {
	d := c.baseDelay
	for range attempt {
		d *= 2
		if d >= c.maxDelay {
			d = c.maxDelay
			break
		}
	}
	half := d / 2
	return half + rand.N(half+1)
}

// retryAfter reads Retry-After-Ms (OpenAI) or Retry-After (seconds or an
// HTTP date).
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	if h == nil {
		return 0, false
	}
	if v := strings.TrimSpace(h.Get("Retry-After-Ms")); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil && ms >= 0 {
			return time.Duration(ms * float64(time.Millisecond)), true
		}
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil && s >= 0 {
		return time.Duration(s * float64(time.Second)), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
