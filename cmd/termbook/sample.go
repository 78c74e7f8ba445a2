package main

import (
	"context"
	"errors"
	"fmt"

	"termbook/ui/i18n"
)

var msgSampleNotEmpty = i18n.Msg{Zh: "“%s”里已有学期数据；示例数据只写入新文件。", En: "%s already has terms; the sample is written only into a new file."}

// runSample writes the sample into --db: `termbook sample --db PATH [--years N]`.
func runSample(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("sample")
	years := fs.Int("years", 0, m.lang.T(msgFlagYearsText))
	if err := m.parse(fs, args, msgUsageSample); err != nil {
		return err
	}
	if m.db == "" {
		return errors.New(m.lang.T(msgNeedDBFlag))
	}
	if *years < 0 || *years > 30 {
		return errors.New(m.lang.T(msgYearsRange, *years))
	}
	if err := m.writeSample(ctx, *years); err != nil {
		return err
	}
	fmt.Fprintln(m.env.stdout, m.lang.T(msgSampleWroteText, m.db))
	return nil
}
