/// Waits for a task's value but no longer than a deadline, without waiting for the task to finish.
enum FirstAnswer {
    static func race(_ task: Task<Bool, Never>, timeout: Duration) async -> Bool? {
        let once = ResumeOnce()
        return await withCheckedContinuation { (continuation: CheckedContinuation<Bool?, Never>) in
            once.arm(continuation)
            let timer = Task {
                try? await Task.sleep(for: timeout)
                once.resume(with: nil)
            }
            Task {
                let value = await task.value
                once.resume(with: value)
                timer.cancel()
            }
        }
    }
}
