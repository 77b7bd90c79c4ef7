// Package cputime reads this process's CPU time and peak memory for the
// benchmarks. Wall-clock ns/op is inflated when other work shares the cores;
// CPU time per operation shows the work itself, and on an idle machine with
// P cores a well-parallelised operation takes about CPU time ÷ P.
//
// Outside Unix (and in the browser build) nothing is measured and both
// functions return 0.
package cputime
