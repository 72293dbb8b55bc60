async def f():
    async with a:
     async for i in x:
      async with a:
       async for i in x:
        async with a:
         async for i in x:
          async with a:
           async for i in x:
            async with a:
             async for i in x:
              async with a:
               async for i in x:
                async with a:
                 async for i in x:
                  async with a:
                   async for i in x:
                    async with a:
                     async for i in x:
                      async with a:
                       async for i in x:
                        async with a:
                         async for i in x:
                          pass
