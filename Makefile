# Everyday tasks; .ci/run runs the same checks in one go.
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
PLATFORMS := windows/386 windows/amd64 linux/amd64 linux/arm64 linux/loong64 darwin/arm64
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)

export CGO_ENABLED := 0

.PHONY: all fmt vet lint test bench fuzz build cross ci

all: fmt vet lint test

fmt:
	gofmt -w .

vet:
	go vet ./...

lint:
	go run $(STATICCHECK) ./...

test:
	go test ./...

# The benchmarks at ten-year scale (BENCHMARKS.md): writes bench.txt and bench.md.
bench:
	bash .ci/bench

fuzz:
	FUZZTIME=$${FUZZTIME:-60s} .ci/fuzz

build:
	go build -trimpath -ldflags "$(LDFLAGS)" -o termbook ./cmd/termbook

cross:
	@mkdir -p dist
	@for p in $(PLATFORMS); do \
		os=$${p%/*}; arch=$${p#*/}; ext=; [ $$os = windows ] && ext=.exe; \
		echo "dist/termbook-$$os-$$arch$$ext"; \
		GOOS=$$os GOARCH=$$arch go build -trimpath -ldflags "$(LDFLAGS)" -o dist/termbook-$$os-$$arch$$ext ./cmd/termbook || exit 1; \
	done

ci:
	bash .ci/run
