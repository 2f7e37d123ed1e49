// A main package without go.mod (GOPATH layout).
package main

import "fmt"

func main() { fmt.Println("hi") }
