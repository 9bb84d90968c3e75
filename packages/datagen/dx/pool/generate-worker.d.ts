export {};
//# sourceMappingURL=generate-worker.d.ts.map