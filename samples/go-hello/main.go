// go-hello: a small web app for Slipway, standard library only.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"
)

// Integration tests sed-replace "v1" here to check that a redeploy serves new code.
const greeting = "Hello from Slipway v1"

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "5000"
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "%s (Go %s)", greeting, runtime.Version()[2:])
	})
	mux.HandleFunc("GET /env", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]*string{
			"app":      env("SLIPWAY_APP"),
			"release":  env("SLIPWAY_RELEASE"),
			"instance": env("SLIPWAY_INSTANCE"),
		})
	})

	server := &http.Server{Addr: ":" + port, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		log.Printf("go-hello listening on port %s", port)
		if err := server.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Fatal(err)
		}
	}()

	// Exit promptly on docker stop so zero-downtime deploys are not held up by the grace period.
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	sig := <-stop
	log.Printf("received %s, shutting down", sig)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	server.Shutdown(ctx)
}

// env returns the variable's value, or nil (JSON null) when it is not set.
func env(name string) *string {
	if v, ok := os.LookupEnv(name); ok {
		return &v
	}
	return nil
}
