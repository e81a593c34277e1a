// Oracle for go-url.ts: runs Go's real net/url, strconv and strings on inputs.json and prints
// the results as JSON. Regenerate with (Go 1.26):
//   cd libs/subscription-api/testdata/go-url-oracle && go run . < inputs.json > expected.json

package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
)

type out struct {
	In       string `json:"in"`
	ReqOK    bool   `json:"reqOk"`
	ReqHost  string `json:"reqHost"`
	ReqErr   string `json:"reqErr"`
	RefValid bool   `json:"refValid"`
	Quote    string `json:"quote"`
	Trim     string `json:"trim"`
}

func main() {
	var inputs []string
	json.NewDecoder(os.Stdin).Decode(&inputs)
	res := []out{}
	for _, in := range inputs {
		o := out{In: in, Quote: strconv.Quote(in), Trim: strings.TrimSpace(in)}
		u, err := url.ParseRequestURI(in)
		if err != nil {
			o.ReqErr = err.Error()
		} else {
			o.ReqOK = true
			o.ReqHost = u.Host
		}
		p, err := url.Parse(in)
		o.RefValid = err == nil && strings.TrimSpace(p.String()) != ""
		res = append(res, o)
	}
	b, _ := json.Marshal(res)
	fmt.Println(string(b))
}
